// Command notifications is the TaskRocket notifications service. It turns
// events into e-mail, push and in-app notifications through Dapr bindings and
// state.
//
// Its features are built in later work; until then it serves health,
// readiness, metrics and version so that routing, access policies and
// deployment already include it.
package main

import "github.com/taskrocket/taskrocket/services/platform/service"

func main() {
	service.Main(service.Minimal("notifications", 8109, false))
}
