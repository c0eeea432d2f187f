// Command search is the TaskRocket search service. It indexes tasks, projects
// and comments for permission-aware full-text search.
//
// Its features are built in later work; until then it serves health,
// readiness, metrics and version so that routing, access policies and
// deployment already include it.
package main

import "github.com/taskrocket/taskrocket/services/platform/service"

func main() {
	service.Main(service.Minimal("search", 8111, false))
}
