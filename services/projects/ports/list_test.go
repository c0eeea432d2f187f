package ports_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// pages walks a list to its end and returns the ids (or user ids) in order.
func (e *env) pages(path, field string, u user) []string {
	e.t.Helper()
	var out []string
	cursor := ""
	for range 100 {
		p := path
		if cursor != "" {
			p += "&cursor=" + url.QueryEscape(cursor)
		}
		body := e.must(http.StatusOK, req{Method: "GET", Path: p, Token: u.Token}).JSON(e.t)
		for _, it := range body["items"].([]any) {
			out = append(out, it.(map[string]any)[field].(string))
		}
		next, _ := body["nextCursor"].(string)
		if next == "" {
			return out
		}
		cursor = next
	}
	e.t.Fatal("more than 100 pages")
	return nil
}

func TestMyProjectsArePagedByNameThenID(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob := e.newUser(), e.newUser()
	var want []string
	names := []string{"Delta", "alpha", "Charlie", "Bravo", "Bravo", "Echo", "Zulu"}
	ids := map[string][]string{}
	for i, n := range names {
		owner := ada
		if i%2 == 1 {
			owner = bob
		}
		id := e.createProject(owner, n, fmt.Sprintf("K%d", i))["id"].(string)
		if owner == bob {
			e.addMember(bob, id, ada)
		}
		ids[n] = append(ids[n], id)
	}
	e.createProject(bob, "Not Ada's", "NA")
	archived := ids["Echo"][0]
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/projects/" + archived + "/archive", Token: bob.Token})

	// Ordered by the database's collation of names, ties by id (UUIDv7:
	// creation order).
	for _, n := range []string{"alpha", "Bravo", "Charlie", "Delta", "Zulu"} {
		want = append(want, ids[n]...)
	}
	for _, limit := range []int{1, 2, 3, 50} {
		got := e.pages(fmt.Sprintf("/api/v1/projects?limit=%d", limit), "id", ada)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("limit %d: %v, want %v", limit, got, want)
		}
	}
	if got := e.pages("/api/v1/projects?archived=true&limit=2", "id", ada); fmt.Sprint(got) != fmt.Sprint([]string{archived}) {
		t.Fatalf("archived only: %v", got)
	}
	if got := e.pages("/api/v1/projects?archived=all&limit=2", "id", ada); len(got) != len(want)+1 {
		t.Fatalf("all: %v", got)
	}
	first := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/projects?limit=1", Token: ada.Token}).JSON(t)
	item := first["items"].([]any)[0].(map[string]any)
	mustEqual(t, "ada is a participant of bob's alpha", item["role"], any("participant"))
}

func TestMembersArePagedByJoiningTime(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	want := []string{ada.ID}
	for range 4 {
		u := e.newUser()
		e.addMember(ada, id, u)
		want = append(want, u.ID)
	}
	for _, limit := range []int{1, 2, 200} {
		got := e.pages(fmt.Sprintf("/api/v1/projects/%s/members?limit=%d", id, limit), "userId", ada)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("limit %d: %v, want %v", limit, got, want)
		}
	}
}

func TestTamperedCursorsAndBadPagingAreRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.newUser()
	id := e.createProject(ada, "Engine", "ENG")["id"].(string)
	for _, tc := range []struct {
		name, path, code string
	}{
		{"garbage", "/api/v1/projects?cursor=%25%25%25", "invalid_cursor"},
		{"not-base64", "/api/v1/projects?cursor=***", "invalid_cursor"},
		{"base64-not-json", "/api/v1/projects?cursor=aGVsbG8", "invalid_cursor"},
		{"json-bad-id", "/api/v1/projects?cursor=eyJuIjoiYSIsImkiOiJ4In0", "invalid_cursor"},
		{"sql-in-cursor", "/api/v1/projects?cursor=" + url.QueryEscape("' OR 1=1 --"), "invalid_cursor"},
		{"member-cursor-garbage", "/api/v1/projects/" + id + "/members?cursor=eyJ0IjoxfQ", "invalid_cursor"},
		{"limit-zero", "/api/v1/projects?limit=0", "validation_failed"},
		{"limit-too-big", "/api/v1/projects?limit=201", "validation_failed"},
		{"limit-not-number", "/api/v1/projects?limit=ten", "validation_failed"},
		{"archived-bad", "/api/v1/projects?archived=maybe", "validation_failed"},
		{"members-limit-bad", "/api/v1/projects/" + id + "/members?limit=-1", "validation_failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.on(t).fail(http.StatusBadRequest, tc.code, req{Method: "GET", Path: tc.path, Token: ada.Token})
		})
	}
}
