// Command audit is the TaskRocket audit service. It records every user action
// from every topic in Dapr state with a retention TTL.
//
// Its features are built in later work; until then it serves health,
// readiness, metrics and version so that routing, access policies and
// deployment already include it.
package main

import "github.com/taskrocket/taskrocket/services/platform/service"

func main() {
	service.Main(service.Minimal("audit", 8110, false))
}
