// Command priorities is the TaskRocket priorities service. It owns priority
// rules (Postgres) and serves priority-ordered task lists from a Dapr state
// cache.
//
// Its features are built in later work; until then it serves health,
// readiness, metrics and version so that routing, access policies and
// deployment already include it.
package main

import "github.com/taskrocket/taskrocket/services/platform/service"

func main() {
	service.Main(service.Minimal("priorities", 8107, true))
}
