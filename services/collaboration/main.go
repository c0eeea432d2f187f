// Command collaboration is the TaskRocket collaboration service. It owns
// comments on tasks and projects, kept in Dapr state.
//
// Its features are built in later work; until then it serves health,
// readiness, metrics and version so that routing, access policies and
// deployment already include it.
package main

import "github.com/taskrocket/taskrocket/services/platform/service"

func main() {
	service.Main(service.Minimal("collaboration", 8106, false))
}
