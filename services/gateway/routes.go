package main

import (
	"net/http"
	"strings"
)

// route sends requests whose path starts with pattern (segment by segment,
// "*" matching any one segment) to app. The most specific match wins: more
// segments first, then literal segments over wildcards, then a route bound
// to the request's method over one for any method.
type route struct {
	method  string // "" for any
	pattern string
	app     string
	public  bool // reachable without an access token
}

// routeTable is the public API surface: every path the UI and API clients
// use, and the service that owns it. Services keep the same paths, so a
// service's OpenAPI document describes exactly what the gateway exposes.
func routeTable() []route {
	return []route{
		// Identity.
		{method: http.MethodPost, pattern: "/api/v1/users", app: "users", public: true}, // sign up
		{pattern: "/api/v1/users", app: "users"},
		{pattern: "/api/v1/me", app: "users"},
		{method: http.MethodPost, pattern: "/api/v1/auth/login", app: "users", public: true},
		{method: http.MethodPost, pattern: "/api/v1/auth/refresh", app: "auth", public: true},
		{pattern: "/api/v1/auth", app: "auth"},
		{method: http.MethodGet, pattern: "/.well-known", app: "auth", public: true},
		// Projects, tasks and what hangs off them.
		{pattern: "/api/v1/projects", app: "projects"},
		{pattern: "/api/v1/projects/*/tasks", app: "tasks"},
		{pattern: "/api/v1/projects/*/categories", app: "tasks"},
		{pattern: "/api/v1/projects/*/tags", app: "tasks"},
		{pattern: "/api/v1/tasks", app: "tasks"},
		{pattern: "/api/v1/invitations", app: "invitations"},
		{pattern: "/api/v1/projects/*/invitations", app: "invitations"},
		{pattern: "/api/v1/projects/*/comments", app: "collaboration"},
		{pattern: "/api/v1/projects/*/comment-counts", app: "collaboration"},
		{pattern: "/api/v1/projects/*/mentionable", app: "collaboration"},
		{pattern: "/api/v1/tasks/*/comments", app: "collaboration"},
		{pattern: "/api/v1/comments", app: "collaboration"},
		{pattern: "/api/v1/projects/*/priority-rules", app: "priorities"},
		{pattern: "/api/v1/priorities", app: "priorities"},
		{pattern: "/api/v1/calendar", app: "calendar"},
		// A calendar feed URL: its secret token is the credential (calendar
		// apps send no bearer token).
		{method: http.MethodGet, pattern: "/api/v1/calendar/feed", app: "calendar", public: true},
		{pattern: "/api/v1/notifications", app: "notifications"},
		// An e-mail's one-click unsubscribe link: signed, no login.
		{pattern: "/api/v1/notifications/unsubscribe", app: "notifications", public: true},
		{pattern: "/api/v1/tasks/*/followers", app: "notifications"},
		{pattern: "/api/v1/projects/*/activity", app: "audit"},
		{pattern: "/api/v1/tasks/*/activity", app: "audit"},
		{pattern: "/api/v1/me/activity", app: "audit"},
		{pattern: "/api/v1/search", app: "search"},
	}
}

type router struct {
	routes []compiledRoute
}

type compiledRoute struct {
	route
	segments []string
	literals int
}

func newRouter(routes []route) *router {
	r := &router{}
	for _, rt := range routes {
		segs := split(rt.pattern)
		lit := 0
		for _, s := range segs {
			if s != "*" {
				lit++
			}
		}
		r.routes = append(r.routes, compiledRoute{route: rt, segments: segs, literals: lit})
	}
	return r
}

// match returns the route for method and path, if any.
func (r *router) match(method, path string) (route, bool) {
	segs := split(path)
	var best *compiledRoute
	for i := range r.routes {
		c := &r.routes[i]
		if (c.method != "" && c.method != method) || !prefixMatch(c.segments, segs) {
			continue
		}
		if best == nil || better(c, best) {
			best = c
		}
	}
	if best == nil {
		return route{}, false
	}
	return best.route, true
}

func better(a, b *compiledRoute) bool {
	if len(a.segments) != len(b.segments) {
		return len(a.segments) > len(b.segments)
	}
	if a.literals != b.literals {
		return a.literals > b.literals
	}
	return a.method != "" && b.method == ""
}

func prefixMatch(pattern, path []string) bool {
	if len(path) < len(pattern) {
		return false
	}
	for i, p := range pattern {
		if p != "*" && p != path[i] {
			return false
		}
	}
	return true
}

func split(path string) []string {
	var out []string
	for s := range strings.SplitSeq(path, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
