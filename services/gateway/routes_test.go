package main

import (
	"net/http"
	"testing"
)

func TestRouting(t *testing.T) {
	t.Parallel()
	r := newRouter(routeTable())
	tests := []struct {
		name, method, path string
		wantApp            string
		wantPublic         bool
	}{
		{"signup-is-public", http.MethodPost, "/api/v1/users", "users", true},
		{"user-lookup-needs-token", http.MethodGet, "/api/v1/users/ada", "users", false},
		{"login-goes-to-users", http.MethodPost, "/api/v1/auth/login", "users", true},
		{"refresh-goes-to-auth", http.MethodPost, "/api/v1/auth/refresh", "auth", true},
		{"sessions-go-to-auth", http.MethodGet, "/api/v1/auth/sessions", "auth", false},
		{"jwks-public", http.MethodGet, "/.well-known/jwks.json", "auth", true},
		{"project", http.MethodGet, "/api/v1/projects/p1", "projects", false},
		{"project-members", http.MethodGet, "/api/v1/projects/p1/members", "projects", false},
		{"project-tasks-to-tasks", http.MethodGet, "/api/v1/projects/p1/tasks", "tasks", false},
		{"task-comments-to-collaboration", http.MethodPost, "/api/v1/tasks/t1/comments", "collaboration", false},
		{"comment-reactions-to-collaboration", http.MethodDelete, "/api/v1/comments/c1/reactions", "collaboration", false},
		{"comment-counts-to-collaboration", http.MethodGet, "/api/v1/projects/p1/comment-counts", "collaboration", false},
		{"mentionable-to-collaboration", http.MethodGet, "/api/v1/projects/p1/mentionable", "collaboration", false},
		{"project-activity-to-audit", http.MethodGet, "/api/v1/projects/p1/activity", "audit", false},
		{"task-activity-to-audit", http.MethodGet, "/api/v1/tasks/t1/activity", "audit", false},
		{"my-activity-to-audit", http.MethodGet, "/api/v1/me/activity", "audit", false},
		{"me-still-to-users", http.MethodGet, "/api/v1/me", "users", false},
		{"project-invitations", http.MethodPost, "/api/v1/projects/p1/invitations", "invitations", false},
		{"search", http.MethodGet, "/api/v1/search", "search", false},
		{"inbox-needs-token", http.MethodGet, "/api/v1/notifications", "notifications", false},
		{"mark-read-needs-token", http.MethodPost, "/api/v1/notifications/12/read", "notifications", false},
		{"calendar-feed-is-public", http.MethodGet, "/api/v1/calendar/feed/trcal_x.ics", "calendar", true},
		{"calendar-feed-tokens-need-login", http.MethodGet, "/api/v1/calendar/feed-tokens", "calendar", false},
		{"calendar-feed-only-read", http.MethodDelete, "/api/v1/calendar/feed/trcal_x.ics", "calendar", false},
		{"unsubscribe-link-is-public", http.MethodPost, "/api/v1/notifications/unsubscribe", "notifications", true},
		{"task-followers-to-notifications", http.MethodPut, "/api/v1/tasks/t1/followers/me", "notifications", false},
		{"task-itself-stays-with-tasks", http.MethodGet, "/api/v1/tasks/t1", "tasks", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := r.match(tc.method, tc.path)
			if !ok || got.app != tc.wantApp || got.public != tc.wantPublic {
				t.Fatalf("match(%s %s) = %+v, %v; want app %s public %v", tc.method, tc.path, got, ok, tc.wantApp, tc.wantPublic)
			}
		})
	}
}

func TestUnknownPathsAreNotRouted(t *testing.T) {
	t.Parallel()
	r := newRouter(routeTable())
	for _, p := range []string{"/", "/api", "/api/v1", "/api/v2/projects", "/api/v1/projectsX", "/internal/users"} {
		if got, ok := r.match(http.MethodGet, p); ok {
			t.Errorf("%s routed to %s", p, got.app)
		}
	}
}
