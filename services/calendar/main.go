// Command calendar is the TaskRocket calendar service. It owns recurrence
// rules and meetings (Postgres) and drives recurrence with Dapr actor
// reminders.
//
// Its features are built in later work; until then it serves health,
// readiness, metrics and version so that routing, access policies and
// deployment already include it.
package main

import "github.com/taskrocket/taskrocket/services/platform/service"

func main() {
	service.Main(service.Minimal("calendar", 8108, true))
}
