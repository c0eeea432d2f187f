package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// The core domain as two and three people use it: an owner, a participant
// and an outsider who is in no project of theirs.

// flowObjects reads a JSON array of objects.
func flowObjects(t *testing.T, v any) []map[string]any {
	t.Helper()
	list, ok := v.([]any)
	if !ok {
		t.Fatalf("not a JSON array: %v", v)
	}
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			t.Fatalf("not a JSON object: %v", e)
		}
		out = append(out, m)
	}
	return out
}

// flowItems reads one page of a list as p.
func flowItems(t *testing.T, p person, path string) []map[string]any {
	t.Helper()
	r := p.call(t, http.MethodGet, path, "")
	expect(t, "list "+path, r, http.StatusOK, "")
	return flowObjects(t, r.json(t)["items"])
}

// flowWalk follows nextCursor through every page of a list and returns
// all items in the order served.
func flowWalk(t *testing.T, p person, path string) []map[string]any {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	var all []map[string]any
	cursor := ""
	for page := 0; ; page++ {
		if page > 500 {
			t.Fatalf("%s: more than 500 pages", path)
		}
		u := path
		if cursor != "" {
			u += sep + "cursor=" + url.QueryEscape(cursor)
		}
		r := p.call(t, http.MethodGet, u, "")
		expect(t, "page of "+u, r, http.StatusOK, "")
		body := r.json(t)
		all = append(all, flowObjects(t, body["items"])...)
		next, _ := body["nextCursor"].(string)
		if next == "" {
			return all
		}
		cursor = next
	}
}

// flowField returns the string fields key of items, in order.
func flowField(items []map[string]any, key string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, _ := it[key].(string)
		out = append(out, s)
	}
	return out
}

// flowIDs returns the ids of items, in order.
func flowIDs(items []map[string]any) []string { return flowField(items, "id") }

// flowSameSet fails unless got and want hold the same ids, each once.
func flowSameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

// flowDetails returns error.details of an error answer.
func flowDetails(t *testing.T, r response) map[string]any {
	t.Helper()
	e, _ := r.json(t)["error"].(map[string]any)
	d, _ := e["details"].(map[string]any)
	return d
}

// flowDB opens one of the stack's databases by its base name (e.g.
// "taskrocket_tasks").
func flowDB(t *testing.T, base string) *gorm.DB {
	t.Helper()
	db, err := gorm.Open(postgres.Open(suite.DatabaseURL(base)), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("open %s: %v", base, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sqlDB.Close() })
	return db
}

// flowCount counts the rows of a query.
func flowCount(t *testing.T, db *gorm.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// flowMembers lists a project's members as p, by user id.
func flowMembers(t *testing.T, p person, projectID string) map[string]string {
	t.Helper()
	roles := map[string]string{}
	for _, m := range flowWalk(t, p, "/api/v1/projects/"+projectID+"/members?limit=1") {
		id, _ := m["userId"].(string)
		if _, dup := roles[id]; dup {
			t.Fatalf("member %s listed twice", id)
		}
		roles[id], _ = m["role"].(string)
	}
	return roles
}

// flowOwners returns who holds the owner role among roles.
func flowOwners(roles map[string]string) []string {
	var out []string
	for id, r := range roles {
		if r == "owner" {
			out = append(out, id)
		}
	}
	return out
}

// flowLabel creates a category or tag ("categories", "tags") and returns
// its id.
func flowLabel(t *testing.T, p person, projectID, kind, name string) string {
	t.Helper()
	r := p.call(t, http.MethodPost, "/api/v1/projects/"+projectID+"/"+kind, jsonBody(t, map[string]any{"name": name}))
	expect(t, "create "+kind+" "+name, r, http.StatusCreated, "")
	return r.str(t, "id")
}

// flowInvite sends an invitation and returns it.
func flowInvite(t *testing.T, owner person, projectID string, body map[string]any) map[string]any {
	t.Helper()
	r := owner.call(t, http.MethodPost, "/api/v1/projects/"+projectID+"/invitations", jsonBody(t, body))
	expect(t, "send invitation", r, http.StatusCreated, "")
	inv, _ := r.json(t)["invitation"].(map[string]any)
	if inv == nil {
		t.Fatalf("no invitation in %s", r.Body)
	}
	return inv
}

// flowExpire backdates an invitation's expiry, as if its time had run out.
func flowExpire(t *testing.T, invitationID string) {
	t.Helper()
	db := flowDB(t, "taskrocket_invitations")
	res := db.Exec(`UPDATE invitations SET expires_at = now() - interval '1 hour',
		created_at = least(created_at, now() - interval '2 hours') WHERE id = ?`, invitationID)
	if res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("backdate invitation %s: %v (%d rows)", invitationID, res.Error, res.RowsAffected)
	}
}

// flowConcurrently makes n calls at once and returns their answers.
func flowConcurrently(n int, call func(i int) response) []response {
	out := make([]response, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = call(i)
		}()
	}
	wg.Wait()
	return out
}

// flowTally counts answers by "status code".
func flowTally(rs []response) map[string]int {
	out := map[string]int{}
	for _, r := range rs {
		out[fmt.Sprintf("%d %s", r.Status, badCode(r))]++
	}
	return out
}

func flowTime(t *testing.T, v any) time.Time {
	t.Helper()
	s, _ := v.(string)
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("not an RFC 3339 time: %v", v)
	}
	return tm
}

func TestProjectFlow(t *testing.T) {
	t.Parallel()
	owner, part, outsider := newPerson(t, "owner"), newPerson(t, "part"), newPerson(t, "out")

	key := projectKey()
	r := owner.call(t, http.MethodPost, "/api/v1/projects", jsonBody(t, map[string]any{
		"name": "  Apollo  ", "description": "# Goal\n\n*Land* on the moon.", "color": "#AABBCC", "key": key}))
	expect(t, "create project", r, http.StatusCreated, "")
	p := r.json(t)
	id, _ := p["id"].(string)
	if p["name"] != "Apollo" || p["color"] != "#aabbcc" || p["key"] != key || p["ownerId"] != owner.ID ||
		p["role"] != "owner" || p["archived"] != false || p["memberCount"] != float64(1) ||
		p["description"] != "# Goal\n\n*Land* on the moon." {
		t.Fatalf("created project: %s", r.Body)
	}
	if loc := r.Header.Get("Location"); loc != "/api/v1/projects/"+id {
		t.Fatalf("Location %q", loc)
	}

	t.Run("key-unique-per-owner", func(t *testing.T) {
		r := owner.call(t, http.MethodPost, "/api/v1/projects", jsonBody(t, map[string]any{"name": "Other", "key": key}))
		expect(t, "same key, same owner", r, http.StatusConflict, "project_key_taken")
		r = part.call(t, http.MethodPost, "/api/v1/projects", jsonBody(t, map[string]any{"name": "Theirs", "key": key}))
		expect(t, "same key, another owner", r, http.StatusCreated, "")
	})

	t.Run("concurrent-same-key", func(t *testing.T) {
		k := projectKey()
		rs := flowConcurrently(5, func(i int) response {
			return owner.call(t, http.MethodPost, "/api/v1/projects", jsonBody(t, map[string]any{"name": fmt.Sprintf("Race %d", i), "key": k}))
		})
		if got := flowTally(rs); got["201 "] != 1 || got["409 project_key_taken"] != 4 {
			t.Fatalf("five creations with one key at once: %v", got)
		}
	})

	t.Run("get-and-update", func(t *testing.T) {
		expect(t, "owner reads", owner.call(t, http.MethodGet, "/api/v1/projects/"+id, ""), http.StatusOK, "")
		expect(t, "outsider reads", outsider.call(t, http.MethodGet, "/api/v1/projects/"+id, ""), http.StatusNotFound, "project_not_found")
		r := owner.call(t, http.MethodPatch, "/api/v1/projects/"+id,
			`{"name":"Apollo 11","description":"","color":"#123ABC"}`)
		expect(t, "update", r, http.StatusOK, "")
		u := r.json(t)
		if u["name"] != "Apollo 11" || u["description"] != "" || u["color"] != "#123abc" || u["key"] != key {
			t.Fatalf("update not applied as asked: %s", r.Body)
		}
		r = owner.call(t, http.MethodPatch, "/api/v1/projects/"+id, `{"color":""}`)
		expect(t, "clear colour", r, http.StatusOK, "")
		if r.json(t)["color"] != "" || r.json(t)["name"] != "Apollo 11" {
			t.Fatalf("clearing the colour changed something else: %s", r.Body)
		}
		otherKey := projectKey()
		r = owner.call(t, http.MethodPost, "/api/v1/projects", jsonBody(t, map[string]any{"name": "Gemini", "key": otherKey}))
		expect(t, "second project", r, http.StatusCreated, "")
		r = owner.call(t, http.MethodPatch, "/api/v1/projects/"+id, jsonBody(t, map[string]any{"key": otherKey}))
		expect(t, "key of another own project", r, http.StatusConflict, "project_key_taken")
		newKey := projectKey()
		r = owner.call(t, http.MethodPatch, "/api/v1/projects/"+id, jsonBody(t, map[string]any{"key": newKey}))
		expect(t, "new key", r, http.StatusOK, "")
		if r.json(t)["key"] != newKey {
			t.Fatalf("key not changed: %s", r.Body)
		}
	})

	t.Run("members", func(t *testing.T) {
		addParticipant(t, owner, id, part)
		r := owner.call(t, http.MethodPost, "/api/v1/projects/"+id+"/members",
			jsonBody(t, map[string]any{"userId": part.ID, "role": "participant"}))
		expect(t, "add again", r, http.StatusConflict, "already_member")
		r = owner.call(t, http.MethodPost, "/api/v1/projects/"+id+"/members",
			`{"userId":"00000000-0000-4000-8000-000000000001","role":"participant"}`)
		expect(t, "add unknown user", r, http.StatusNotFound, "user_not_found")
		r = owner.call(t, http.MethodPost, "/api/v1/projects/"+id+"/members",
			jsonBody(t, map[string]any{"userId": outsider.ID, "role": "owner"}))
		expect(t, "add as owner", r, http.StatusConflict, "use_transfer")

		roles := flowMembers(t, part, id)
		if len(roles) != 2 || roles[owner.ID] != "owner" || roles[part.ID] != "participant" {
			t.Fatalf("members: %v", roles)
		}
		// Members carry the names their accounts have now, renames included.
		expect(t, "participant renames", part.call(t, http.MethodPatch, "/api/v1/me", `{"displayName":"Buzz Aldrin"}`), http.StatusOK, "")
		names := map[string][2]any{}
		for _, m := range flowWalk(t, part, "/api/v1/projects/"+id+"/members?limit=1") {
			uid, _ := m["userId"].(string)
			names[uid] = [2]any{m["username"], m["displayName"]}
		}
		if len(names) != 2 || names[owner.ID] != [2]any{owner.Username, "Ada Lovelace"} || names[part.ID] != [2]any{part.Username, "Buzz Aldrin"} {
			t.Fatalf("member names: %v (owner @%s, participant @%s)", names, owner.Username, part.Username)
		}
		r = part.call(t, http.MethodGet, "/api/v1/projects/"+id, "")
		expect(t, "participant reads", r, http.StatusOK, "")
		if r.json(t)["role"] != "participant" || r.json(t)["memberCount"] != float64(2) {
			t.Fatalf("as the participant sees it: %s", r.Body)
		}
		expect(t, "participant updates", part.call(t, http.MethodPatch, "/api/v1/projects/"+id, `{"name":"Mine"}`),
			http.StatusForbidden, "forbidden_role")
		expect(t, "participant adds", part.call(t, http.MethodPost, "/api/v1/projects/"+id+"/members",
			jsonBody(t, map[string]any{"userId": outsider.ID, "role": "participant"})), http.StatusForbidden, "forbidden_role")

		rs := flowConcurrently(4, func(int) response {
			return owner.call(t, http.MethodPost, "/api/v1/projects/"+id+"/members",
				jsonBody(t, map[string]any{"userId": outsider.ID, "role": "participant"}))
		})
		if got := flowTally(rs); got["201 "] != 1 || got["409 already_member"] != 3 {
			t.Fatalf("four additions of one user at once: %v", got)
		}
		assigned := newTask(t, owner, id, map[string]any{"title": "For the outsider", "assigneeIds": []string{outsider.ID, owner.ID}})
		path := "/api/v1/projects/" + id + "/members/" + outsider.ID
		expect(t, "make owner by role", owner.call(t, http.MethodPatch, path, `{"role":"owner"}`), http.StatusConflict, "use_transfer")
		r = owner.call(t, http.MethodPatch, path, `{"role":"participant"}`)
		expect(t, "same role", r, http.StatusOK, "")
		if m := r.json(t); m["role"] != "participant" || m["username"] != outsider.Username || m["displayName"] != "Ada Lovelace" {
			t.Fatalf("role: %s", r.Body)
		}
		expect(t, "owner's role", owner.call(t, http.MethodPatch, "/api/v1/projects/"+id+"/members/"+owner.ID, `{"role":"participant"}`),
			http.StatusConflict, "use_transfer")
		expect(t, "remove owner", owner.call(t, http.MethodDelete, "/api/v1/projects/"+id+"/members/"+owner.ID, ""),
			http.StatusConflict, "cannot_remove_owner")
		expect(t, "remove", owner.call(t, http.MethodDelete, path, ""), http.StatusNoContent, "")
		expect(t, "removed member reads", outsider.call(t, http.MethodGet, "/api/v1/projects/"+id, ""), http.StatusNotFound, "project_not_found")
		expect(t, "remove again", owner.call(t, http.MethodDelete, path, ""), http.StatusNotFound, "member_not_found")
		time.Sleep(viewWindow) // the tasks service's membership view hears of it
		expect(t, "removed member reads a task", outsider.call(t, http.MethodGet, fmt.Sprintf("/api/v1/tasks/%s", assigned["id"]), ""),
			http.StatusNotFound, "task_not_found")
		eventually(t, 30*time.Second, "the removed member's assignments to be dropped", func() bool {
			r := owner.call(t, http.MethodGet, fmt.Sprintf("/api/v1/tasks/%s", assigned["id"]), "")
			got := flowField(flowObjectsOfIDs(r.json(t)["assigneeIds"]), "id")
			return slices.Equal(got, []string{owner.ID})
		})
		expect(t, "delete the task", owner.call(t, http.MethodDelete, fmt.Sprintf("/api/v1/tasks/%s", assigned["id"]), ""), http.StatusNoContent, "")
	})

	t.Run("transfer-and-leave", func(t *testing.T) {
		expect(t, "owner leaves", owner.call(t, http.MethodPost, "/api/v1/projects/"+id+"/leave", ""),
			http.StatusConflict, "owner_must_transfer")
		expect(t, "transfer to a non-member", owner.call(t, http.MethodPost, "/api/v1/projects/"+id+"/transfer",
			jsonBody(t, map[string]any{"userId": outsider.ID})), http.StatusNotFound, "member_not_found")
		expect(t, "participant transfers", part.call(t, http.MethodPost, "/api/v1/projects/"+id+"/transfer",
			jsonBody(t, map[string]any{"userId": part.ID})), http.StatusForbidden, "forbidden_role")

		r := owner.call(t, http.MethodPost, "/api/v1/projects/"+id+"/transfer", jsonBody(t, map[string]any{"userId": part.ID}))
		expect(t, "transfer", r, http.StatusOK, "")
		if r.json(t)["role"] != "participant" || r.json(t)["ownerId"] != part.ID {
			t.Fatalf("after the transfer, as the previous owner sees it: %s", r.Body)
		}
		roles := flowMembers(t, owner, id)
		if owners := flowOwners(roles); len(owners) != 1 || owners[0] != part.ID || roles[owner.ID] != "participant" {
			t.Fatalf("want exactly one owner, the new one: %v", roles)
		}
		expect(t, "previous owner updates", owner.call(t, http.MethodPatch, "/api/v1/projects/"+id, `{"name":"x"}`),
			http.StatusForbidden, "forbidden_role")
		expect(t, "new owner leaves", part.call(t, http.MethodPost, "/api/v1/projects/"+id+"/leave", ""),
			http.StatusConflict, "owner_must_transfer")

		r = part.call(t, http.MethodPost, "/api/v1/projects/"+id+"/transfer", jsonBody(t, map[string]any{"userId": owner.ID}))
		expect(t, "transfer back", r, http.StatusOK, "")
		roles = flowMembers(t, owner, id)
		if owners := flowOwners(roles); len(owners) != 1 || owners[0] != owner.ID {
			t.Fatalf("want exactly one owner after the transfer back: %v", roles)
		}
		expect(t, "participant leaves", part.call(t, http.MethodPost, "/api/v1/projects/"+id+"/leave", ""), http.StatusNoContent, "")
		expect(t, "after leaving", part.call(t, http.MethodGet, "/api/v1/projects/"+id, ""), http.StatusNotFound, "project_not_found")
		if roles := flowMembers(t, owner, id); len(roles) != 1 {
			t.Fatalf("members after leaving: %v", roles)
		}
		addParticipant(t, owner, id, part)
	})

	t.Run("archive-is-read-only", func(t *testing.T) {
		expect(t, "participant archives", part.call(t, http.MethodPost, "/api/v1/projects/"+id+"/archive", ""),
			http.StatusForbidden, "forbidden_role")
		r := owner.call(t, http.MethodPost, "/api/v1/projects/"+id+"/archive", "")
		expect(t, "archive", r, http.StatusOK, "")
		if r.json(t)["archived"] != true || r.json(t)["archivedAt"] == nil {
			t.Fatalf("archived project: %s", r.Body)
		}
		expect(t, "archive again", owner.call(t, http.MethodPost, "/api/v1/projects/"+id+"/archive", ""), http.StatusOK, "")
		time.Sleep(viewWindow) // the tasks service's membership view hears of it
		expect(t, "read archived", part.call(t, http.MethodGet, "/api/v1/projects/"+id, ""), http.StatusOK, "")
		for _, c := range []struct{ step, method, path, body string }{
			{"update", http.MethodPatch, "/api/v1/projects/" + id, `{"name":"Archived"}`},
			{"add member", http.MethodPost, "/api/v1/projects/" + id + "/members", jsonBody(t, map[string]any{"userId": outsider.ID, "role": "participant"})},
			{"transfer", http.MethodPost, "/api/v1/projects/" + id + "/transfer", jsonBody(t, map[string]any{"userId": part.ID})},
			{"create task", http.MethodPost, "/api/v1/projects/" + id + "/tasks", `{"title":"Too late"}`},
			{"create tag", http.MethodPost, "/api/v1/projects/" + id + "/tags", `{"name":"late"}`},
			{"invite", http.MethodPost, "/api/v1/projects/" + id + "/invitations", jsonBody(t, map[string]any{"username": outsider.Username})},
		} {
			expect(t, c.step+" while archived", owner.call(t, c.method, c.path, c.body), http.StatusConflict, "project_archived")
		}
		expect(t, "leave while archived", part.call(t, http.MethodPost, "/api/v1/projects/"+id+"/leave", ""),
			http.StatusConflict, "project_archived")

		listed := func(filter string) bool {
			return slices.Contains(flowIDs(flowWalk(t, owner, "/api/v1/projects?limit=1"+filter)), id)
		}
		if listed("") || !listed("&archived=true") || !listed("&archived=all") {
			t.Fatal("archived projects are listed only when asked for")
		}
		r = owner.call(t, http.MethodPost, "/api/v1/projects/"+id+"/unarchive", "")
		expect(t, "unarchive", r, http.StatusOK, "")
		if r.json(t)["archived"] != false || r.json(t)["archivedAt"] != nil {
			t.Fatalf("unarchived project: %s", r.Body)
		}
		expect(t, "writable again", owner.call(t, http.MethodPatch, "/api/v1/projects/"+id, `{"description":"back"}`), http.StatusOK, "")
		if !listed("") || listed("&archived=true") {
			t.Fatal("an unarchived project is listed by default only")
		}
	})

	t.Run("list-mine-paged", func(t *testing.T) {
		names := []string{"Mercury", "Venus", "Mars"}
		want := []string{id}
		for _, n := range names {
			want = append(want, newProject(t, owner, n))
		}
		all := flowWalk(t, owner, "/api/v1/projects?limit=200&archived=all")
		paged := flowWalk(t, owner, "/api/v1/projects?limit=2&archived=all")
		if !slices.Equal(flowIDs(all), flowIDs(paged)) {
			t.Fatalf("pages %v differ from the whole list %v", flowIDs(paged), flowIDs(all))
		}
		for _, w := range want {
			if !slices.Contains(flowIDs(paged), w) {
				t.Fatalf("project %s missing from the owner's list", w)
			}
		}
		got := flowField(all, "name")
		if !slices.IsSortedFunc(got, strings.Compare) {
			t.Fatalf("not ordered by name: %v", got)
		}
		if mine := flowIDs(flowWalk(t, outsider, "/api/v1/projects?archived=all")); slices.Contains(mine, id) {
			t.Fatal("the outsider lists a project they are not a member of")
		}
		partList := flowIDs(flowWalk(t, part, "/api/v1/projects?limit=1"))
		if !slices.Contains(partList, id) {
			t.Fatal("the participant does not list the project")
		}
		expect(t, "tampered cursor", owner.call(t, http.MethodGet, "/api/v1/projects?cursor=bm90LWEtY3Vyc29y", ""),
			http.StatusBadRequest, "invalid_cursor")
	})

	t.Run("delete-drops-tasks-and-invitations", func(t *testing.T) {
		task := newTask(t, part, id, map[string]any{"title": "Pack the suits", "assigneeIds": []string{owner.ID}})
		sub := newTask(t, owner, id, map[string]any{"title": "Helmets", "parentId": task["id"]})
		flowLabel(t, owner, id, "categories", "Hardware")
		flowLabel(t, owner, id, "tags", "flight")
		inv := flowInvite(t, owner, id, map[string]any{"username": outsider.Username})
		if pending := flowIDs(flowItems(t, outsider, "/api/v1/invitations")); !slices.Contains(pending, inv["id"].(string)) {
			t.Fatalf("invitee does not see the invitation: %v", pending)
		}
		tasks := flowDB(t, "taskrocket_tasks")
		if n := flowCount(t, tasks, `SELECT count(*) FROM tasks WHERE project_id = ?`, id); n != 2 {
			t.Fatalf("want the 2 tasks stored before the deletion, got %d", n)
		}

		expect(t, "participant deletes", part.call(t, http.MethodDelete, "/api/v1/projects/"+id, ""), http.StatusForbidden, "forbidden_role")
		expect(t, "outsider deletes", outsider.call(t, http.MethodDelete, "/api/v1/projects/"+id, ""), http.StatusNotFound, "project_not_found")
		expect(t, "delete", owner.call(t, http.MethodDelete, "/api/v1/projects/"+id, ""), http.StatusNoContent, "")
		expect(t, "deleted project", owner.call(t, http.MethodGet, "/api/v1/projects/"+id, ""), http.StatusNotFound, "project_not_found")
		// The tasks service refuses once project.deleted reaches its
		// membership view (the window is measured under load in
		// windows_test.go); here only that it does.
		for _, tid := range []any{task["id"], sub["id"]} {
			eventually(t, 10*time.Second, "the deleted project's task refused", func() bool {
				r := part.call(t, http.MethodGet, fmt.Sprintf("/api/v1/tasks/%s", tid), "")
				return r.Status == http.StatusNotFound
			})
			expect(t, "task of a deleted project", part.call(t, http.MethodGet, fmt.Sprintf("/api/v1/tasks/%s", tid), ""),
				http.StatusNotFound, "task_not_found")
		}
		eventually(t, 30*time.Second, "the deleted project's tasks, categories and tags to be dropped", func() bool {
			return flowCount(t, tasks, `SELECT (SELECT count(*) FROM tasks WHERE project_id = ?)
				+ (SELECT count(*) FROM categories WHERE project_id = ?)
				+ (SELECT count(*) FROM tags WHERE project_id = ?)`, id, id, id) == 0
		})
		eventually(t, 30*time.Second, "the pending invitation to be cancelled", func() bool {
			return !slices.Contains(flowIDs(flowItems(t, outsider, "/api/v1/invitations")), inv["id"].(string))
		})
		var st struct{ Status, Reason string }
		flowDB(t, "taskrocket_invitations").Raw(`SELECT status, reason FROM invitations WHERE id = ?`, inv["id"]).Scan(&st)
		if st.Status != "cancelled" || st.Reason != "project_deleted" {
			t.Fatalf("invitation of the deleted project: %+v", st)
		}
		expect(t, "accept it now", outsider.call(t, http.MethodPost, fmt.Sprintf("/api/v1/invitations/%s/accept", inv["id"]), ""),
			http.StatusConflict, "invitation_not_pending")
	})
}

func TestTaskFlow(t *testing.T) {
	t.Parallel()
	owner, part, outsider := newPerson(t, "towner"), newPerson(t, "tpart"), newPerson(t, "tout")
	pid := newProject(t, owner, "Tasks")
	addParticipant(t, owner, pid, part)
	cat := flowLabel(t, owner, pid, "categories", "Design")
	tag1, tag2 := flowLabel(t, owner, pid, "tags", "ui"), flowLabel(t, part, pid, "tags", "urgent-fix")

	r := part.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/tasks", jsonBody(t, map[string]any{
		"title":           "Draw the launch screen",
		"description":     "## Steps\n\n- sketch\n- **review**\n\n```go\nfmt.Println(\"hi\")\n```",
		"status":          "todo",
		"priority":        "high",
		"startAt":         "2030-03-10T09:00:00+01:00",
		"dueAt":           "2030-03-12T17:30:00-05:00",
		"timezone":        "America/New_York",
		"estimateMinutes": 90,
		"assigneeIds":     []string{part.ID, owner.ID, part.ID},
		"categoryId":      cat,
		"tagIds":          []string{tag1, tag2},
	}))
	expect(t, "create task", r, http.StatusCreated, "")
	task := r.json(t)
	id, _ := task["id"].(string)
	if r.Header.Get("ETag") != `"1"` || task["version"] != float64(1) || r.Header.Get("Location") != "/api/v1/tasks/"+id {
		t.Fatalf("version headers: ETag %q Location %q body %s", r.Header.Get("ETag"), r.Header.Get("Location"), r.Body)
	}
	if task["startAt"] != "2030-03-10T08:00:00Z" || task["dueAt"] != "2030-03-12T22:30:00Z" || task["timezone"] != "America/New_York" {
		t.Fatalf("dates are stored in UTC with the client's zone kept: %s", r.Body)
	}
	if task["title"] != "Draw the launch screen" || task["status"] != "todo" || task["priority"] != "high" ||
		task["estimateMinutes"] != float64(90) || task["categoryId"] != cat || task["createdBy"] != part.ID ||
		task["doneAt"] != nil || task["parentId"] != nil || !strings.Contains(task["description"].(string), "```go") {
		t.Fatalf("created task: %s", r.Body)
	}
	assignees := flowField(flowObjectsOfIDs(task["assigneeIds"]), "id")
	flowSameSet(t, "assignees (duplicates merged)", assignees, []string{part.ID, owner.ID})
	flowSameSet(t, "tags", flowField(flowObjectsOfIDs(task["tagIds"]), "id"), []string{tag1, tag2})
	path := "/api/v1/tasks/" + id

	t.Run("read", func(t *testing.T) {
		r := owner.call(t, http.MethodGet, path, "")
		expect(t, "owner reads", r, http.StatusOK, "")
		if r.Header.Get("ETag") != `"1"` || r.json(t)["dueAt"] != "2030-03-12T22:30:00Z" {
			t.Fatalf("read back: %s", r.Body)
		}
		expect(t, "outsider reads", outsider.call(t, http.MethodGet, path, ""), http.StatusNotFound, "task_not_found")
		expect(t, "outsider creates", outsider.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/tasks", `{"title":"x"}`),
			http.StatusNotFound, "project_not_found")
		expect(t, "outsider changes", outsider.call(t, http.MethodPatch, path, `{"title":"x"}`), http.StatusNotFound, "task_not_found")
	})

	t.Run("non-member-assignee", func(t *testing.T) {
		r := owner.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/tasks",
			jsonBody(t, map[string]any{"title": "Nope", "assigneeIds": []string{part.ID, outsider.ID}}))
		expect(t, "create with an outsider", r, http.StatusBadRequest, "assignee_not_member")
		if ids, _ := flowDetails(t, r)["userIds"].([]any); len(ids) != 1 || ids[0] != outsider.ID {
			t.Fatalf("details.userIds should name the outsider only: %s", r.Body)
		}
		r = owner.call(t, http.MethodPatch, path, jsonBody(t, map[string]any{"assigneeIds": []string{outsider.ID}}))
		expect(t, "assign an outsider", r, http.StatusBadRequest, "assignee_not_member")
	})

	t.Run("status-and-done-at", func(t *testing.T) {
		r := part.call(t, http.MethodPatch, path, `{"status":"in_progress"}`)
		expect(t, "start", r, http.StatusOK, "")
		if r.json(t)["doneAt"] != nil || r.json(t)["version"] != float64(2) || r.Header.Get("ETag") != `"2"` {
			t.Fatalf("in progress: %s", r.Body)
		}
		r = part.call(t, http.MethodPatch, path, `{"status":"done"}`)
		expect(t, "finish", r, http.StatusOK, "")
		doneAt := r.json(t)["doneAt"]
		if doneAt == nil || time.Since(flowTime(t, doneAt)) > time.Minute {
			t.Fatalf("done without doneAt: %s", r.Body)
		}
		r = part.call(t, http.MethodPatch, path, `{"estimateMinutes":120}`)
		expect(t, "edit a done task", r, http.StatusOK, "")
		if r.json(t)["doneAt"] != doneAt || r.json(t)["estimateMinutes"] != float64(120) {
			t.Fatalf("doneAt must be kept while the task stays done: %s", r.Body)
		}
		r = part.call(t, http.MethodPatch, path, `{"status":"todo"}`)
		expect(t, "reopen", r, http.StatusOK, "")
		if r.json(t)["doneAt"] != nil {
			t.Fatalf("reopened task keeps doneAt: %s", r.Body)
		}
	})

	t.Run("optimistic-concurrency", func(t *testing.T) {
		cur := owner.call(t, http.MethodGet, path, "")
		v := cur.Header.Get("ETag")
		r := owner.callWith(t, http.MethodPatch, path, `{"title":"Stale edit"}`, map[string]string{"If-Match": `"1"`})
		expect(t, "stale If-Match", r, http.StatusPreconditionFailed, "version_mismatch")
		if fmt.Sprintf(`"%v"`, flowDetails(t, r)["currentVersion"]) != v {
			t.Fatalf("details.currentVersion should be %s: %s", v, r.Body)
		}
		if after := owner.call(t, http.MethodGet, path, ""); after.Header.Get("ETag") != v || after.json(t)["title"] == "Stale edit" {
			t.Fatalf("a refused edit changed the task: %s", after.Body)
		}
		r = owner.callWith(t, http.MethodPatch, path, `{"title":"Draw the launch screen v2"}`, map[string]string{"If-Match": v})
		expect(t, "matching If-Match", r, http.StatusOK, "")
		next := r.Header.Get("ETag")
		if next == v || r.json(t)["title"] != "Draw the launch screen v2" {
			t.Fatalf("version not incremented: %s → %s", v, next)
		}
		r = owner.call(t, http.MethodPatch, path, `{"title":"Draw the launch screen v2","priority":"high"}`)
		expect(t, "change nothing", r, http.StatusOK, "")
		if r.Header.Get("ETag") != next {
			t.Fatalf("a body that changes nothing keeps the version: %s → %s", next, r.Header.Get("ETag"))
		}
		expect(t, "delete with a stale If-Match", owner.callWith(t, http.MethodDelete, path, "", map[string]string{"If-Match": v}),
			http.StatusPreconditionFailed, "version_mismatch")
	})

	t.Run("concurrent-edits-one-wins", func(t *testing.T) {
		cur := owner.call(t, http.MethodGet, path, "")
		v := cur.Header.Get("ETag")
		rs := flowConcurrently(5, func(i int) response {
			return part.callWith(t, http.MethodPatch, path, jsonBody(t, map[string]any{"estimateMinutes": 10 + i}),
				map[string]string{"If-Match": v})
		})
		if got := flowTally(rs); got["200 "] != 1 || got["412 version_mismatch"] != 4 {
			t.Fatalf("five edits of one version at once: %v", got)
		}
		after := owner.call(t, http.MethodGet, path, "")
		if after.json(t)["version"] != cur.json(t)["version"].(float64)+1 {
			t.Fatalf("one edit, one new version: %s → %s", v, after.Header.Get("ETag"))
		}
	})

	t.Run("clear-and-replace", func(t *testing.T) {
		r := owner.call(t, http.MethodPatch, path, jsonBody(t, map[string]any{
			"dueAt": nil, "startAt": nil, "timezone": nil, "categoryId": nil, "tagIds": []string{tag2}, "assigneeIds": []string{}}))
		expect(t, "clear", r, http.StatusOK, "")
		c := r.json(t)
		if c["dueAt"] != nil || c["startAt"] != nil || c["timezone"] != nil || c["categoryId"] != nil ||
			len(c["assigneeIds"].([]any)) != 0 || len(c["tagIds"].([]any)) != 1 || c["title"] != "Draw the launch screen v2" {
			t.Fatalf("cleared task: %s", r.Body)
		}
		r = owner.call(t, http.MethodPatch, path, `{"startAt":"2030-01-02T00:00:00Z","dueAt":"2030-01-01T00:00:00Z"}`)
		expect(t, "due before start", r, http.StatusBadRequest, "validation_failed")
		r = owner.call(t, http.MethodPatch, path, `{"dueAt":"2030-05-01T23:00:00+02:00","timezone":"Europe/Warsaw","priority":"urgent"}`)
		expect(t, "due in the client's zone", r, http.StatusOK, "")
		if r.json(t)["dueAt"] != "2030-05-01T21:00:00Z" || r.json(t)["timezone"] != "Europe/Warsaw" || r.json(t)["priority"] != "urgent" {
			t.Fatalf("due date: %s", r.Body)
		}
	})

	t.Run("subtasks", func(t *testing.T) {
		child := newTask(t, part, pid, map[string]any{"title": "Choose colours", "parentId": id})
		grandchild := newTask(t, part, pid, map[string]any{"title": "Ask the crew", "parentId": child["id"]})
		if child["parentId"] != id {
			t.Fatalf("subtask: %v", child)
		}
		subs := flowIDs(flowWalk(t, owner, "/api/v1/projects/"+pid+"/tasks?parentId="+id))
		flowSameSet(t, "direct subtasks", subs, []string{child["id"].(string)})
		if top := flowIDs(flowWalk(t, owner, "/api/v1/projects/"+pid+"/tasks?parentId=none")); slices.Contains(top, child["id"].(string)) {
			t.Fatal("a subtask is listed as top level")
		}
		expect(t, "own parent", owner.call(t, http.MethodPatch, path, jsonBody(t, map[string]any{"parentId": id})),
			http.StatusBadRequest, "invalid_parent")
		expect(t, "cycle", owner.call(t, http.MethodPatch, path, jsonBody(t, map[string]any{"parentId": grandchild["id"]})),
			http.StatusBadRequest, "invalid_parent")
		other := newProject(t, owner, "Elsewhere")
		foreign := newTask(t, owner, other, map[string]any{"title": "Foreign"})
		expect(t, "parent in another project", owner.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/tasks",
			jsonBody(t, map[string]any{"title": "x", "parentId": foreign["id"]})), http.StatusBadRequest, "invalid_parent")
		expect(t, "delete parent", owner.call(t, http.MethodDelete, fmt.Sprintf("/api/v1/tasks/%s", child["id"]), ""), http.StatusNoContent, "")
		for _, gone := range []any{child["id"], grandchild["id"]} {
			expect(t, "deleted with its parent", owner.call(t, http.MethodGet, fmt.Sprintf("/api/v1/tasks/%s", gone), ""),
				http.StatusNotFound, "task_not_found")
		}
	})

	t.Run("manual-position", func(t *testing.T) {
		pos := newProject(t, owner, "Positions")
		a := newTask(t, owner, pos, map[string]any{"title": "A"})["id"].(string)
		b := newTask(t, owner, pos, map[string]any{"title": "B"})["id"].(string)
		c := newTask(t, owner, pos, map[string]any{"title": "C"})["id"].(string)
		order := func() []string { return flowIDs(flowWalk(t, owner, "/api/v1/projects/"+pos+"/tasks?sort=position")) }
		if got := order(); !slices.Equal(got, []string{a, b, c}) {
			t.Fatalf("new tasks go to the end: %v", got)
		}
		expect(t, "move C after A", owner.call(t, http.MethodPatch, "/api/v1/tasks/"+c, jsonBody(t, map[string]any{"position": map[string]any{"afterId": a}})), http.StatusOK, "")
		if got := order(); !slices.Equal(got, []string{a, c, b}) {
			t.Fatalf("after moving C after A: %v", got)
		}
		expect(t, "move A between C and B", owner.call(t, http.MethodPatch, "/api/v1/tasks/"+a,
			jsonBody(t, map[string]any{"position": map[string]any{"afterId": c, "beforeId": b}})), http.StatusOK, "")
		if got := order(); !slices.Equal(got, []string{c, a, b}) {
			t.Fatalf("after moving A between C and B: %v", got)
		}
		rs := flowConcurrently(4, func(i int) response {
			return owner.call(t, http.MethodPost, "/api/v1/projects/"+pos+"/tasks", jsonBody(t, map[string]any{"title": fmt.Sprintf("Rush %d", i)}))
		})
		if got := flowTally(rs); got["201 "] != 4 {
			t.Fatalf("four creations at once: %v", got)
		}
		keys := map[string]bool{}
		for _, it := range flowWalk(t, owner, "/api/v1/projects/"+pos+"/tasks?sort=position") {
			if keys[it["position"].(string)] {
				t.Fatalf("two tasks share the position %v", it["position"])
			}
			keys[it["position"].(string)] = true
		}
		for _, r := range rs {
			expect(t, "clean up", owner.call(t, http.MethodDelete, "/api/v1/tasks/"+r.str(t, "id"), ""), http.StatusNoContent, "")
		}
		d := newTask(t, owner, pos, map[string]any{"title": "D", "position": map[string]any{"beforeId": c}})["id"].(string)
		if got := order(); !slices.Equal(got, []string{d, c, a, b}) {
			t.Fatalf("created before C: %v", got)
		}
		expect(t, "wrong way round", owner.call(t, http.MethodPatch, "/api/v1/tasks/"+d,
			jsonBody(t, map[string]any{"position": map[string]any{"afterId": b, "beforeId": c}})), http.StatusBadRequest, "invalid_position")
		foreign := newTask(t, owner, newProject(t, owner, "Foreign order"), map[string]any{"title": "Elsewhere"})["id"].(string)
		expect(t, "after a task of another project", owner.call(t, http.MethodPatch, "/api/v1/tasks/"+d,
			jsonBody(t, map[string]any{"position": map[string]any{"afterId": foreign}})), http.StatusBadRequest, "invalid_position")
		expect(t, "after itself", owner.call(t, http.MethodPatch, "/api/v1/tasks/"+d,
			jsonBody(t, map[string]any{"position": map[string]any{"afterId": d}})), http.StatusBadRequest, "invalid_position")
		expect(t, "parent in another project", owner.call(t, http.MethodPatch, "/api/v1/tasks/"+d,
			jsonBody(t, map[string]any{"parentId": foreign})), http.StatusBadRequest, "invalid_parent")
		expect(t, "move to the end", owner.call(t, http.MethodPatch, "/api/v1/tasks/"+d, `{"position":{}}`), http.StatusOK, "")
		if got := order(); !slices.Equal(got, []string{c, a, b, d}) {
			t.Fatalf("moved to the end: %v", got)
		}
	})

	t.Run("archived-project-is-read-only", func(t *testing.T) {
		expect(t, "archive", owner.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/archive", ""), http.StatusOK, "")
		time.Sleep(viewWindow) // the tasks service's membership view hears of it
		before := part.call(t, http.MethodGet, path, "")
		expect(t, "read", before, http.StatusOK, "")
		for _, c := range []struct{ step, method, path, body string }{
			{"edit task", http.MethodPatch, path, `{"title":"Archived edit"}`},
			{"delete task", http.MethodDelete, path, ""},
			{"create task", http.MethodPost, "/api/v1/projects/" + pid + "/tasks", `{"title":"x"}`},
			{"create category", http.MethodPost, "/api/v1/projects/" + pid + "/categories", `{"name":"x"}`},
			{"rename category", http.MethodPatch, "/api/v1/projects/" + pid + "/categories/" + cat, `{"name":"x"}`},
			{"delete category", http.MethodDelete, "/api/v1/projects/" + pid + "/categories/" + cat, ""},
			{"delete tag", http.MethodDelete, "/api/v1/projects/" + pid + "/tags/" + tag1, ""},
		} {
			expect(t, c.step+" while archived", part.call(t, c.method, c.path, c.body), http.StatusConflict, "project_archived")
		}
		if after := part.call(t, http.MethodGet, path, ""); string(after.Body) != string(before.Body) {
			t.Fatalf("an archived project's task changed: %s", after.Body)
		}
		expect(t, "list while archived", part.call(t, http.MethodGet, "/api/v1/projects/"+pid+"/tasks", ""), http.StatusOK, "")
		expect(t, "unarchive", owner.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/unarchive", ""), http.StatusOK, "")
	})

	t.Run("delete", func(t *testing.T) {
		cur := part.call(t, http.MethodGet, path, "")
		expect(t, "delete", part.callWith(t, http.MethodDelete, path, "", map[string]string{"If-Match": cur.Header.Get("ETag")}),
			http.StatusNoContent, "")
		expect(t, "read deleted", part.call(t, http.MethodGet, path, ""), http.StatusNotFound, "task_not_found")
		expect(t, "delete again", part.call(t, http.MethodDelete, path, ""), http.StatusNotFound, "task_not_found")
	})
}

// flowObjectsOfIDs turns a JSON array of ids into objects with an "id".
func flowObjectsOfIDs(v any) []map[string]any {
	list, _ := v.([]any)
	out := make([]map[string]any, 0, len(list))
	for _, id := range list {
		out = append(out, map[string]any{"id": id})
	}
	return out
}

func TestCategoryTagFlow(t *testing.T) {
	t.Parallel()
	owner, part, outsider := newPerson(t, "lowner"), newPerson(t, "lpart"), newPerson(t, "lout")
	pid := newProject(t, owner, "Labels")
	other := newProject(t, owner, "Other labels")
	addParticipant(t, owner, pid, part)

	for _, kind := range []struct{ path, taken, notFound, invalid, field string }{
		{"categories", "category_name_taken", "category_not_found", "invalid_category", "categoryId"},
		{"tags", "tag_name_taken", "tag_not_found", "invalid_tag", "tagIds"},
	} {
		t.Run(kind.path, func(t *testing.T) {
			base := "/api/v1/projects/" + pid + "/" + kind.path
			r := owner.call(t, http.MethodPost, base, `{"name":"  Backend  ","color":"#FF00AA"}`)
			expect(t, "create", r, http.StatusCreated, "")
			backend := r.json(t)
			if backend["name"] != "Backend" || backend["color"] != "#ff00aa" || backend["projectId"] != pid {
				t.Fatalf("created: %s", r.Body)
			}
			r = part.call(t, http.MethodPost, base, `{"name":"Frontend"}`)
			expect(t, "participant creates, default colour", r, http.StatusCreated, "")
			frontend := r.json(t)
			if frontend["color"] != "#64748b" {
				t.Fatalf("default colour: %s", r.Body)
			}
			expect(t, "same name, other case", owner.call(t, http.MethodPost, base, `{"name":"BACKEND"}`), http.StatusConflict, kind.taken)
			rs := flowConcurrently(5, func(i int) response {
				return owner.call(t, http.MethodPost, "/api/v1/projects/"+other+"/"+kind.path, jsonBody(t, map[string]any{"name": []string{"Race", "race", "RACE", "rAce", "Race "}[i]}))
			})
			if got := flowTally(rs); got["201 "] != 1 || got["409 "+kind.taken] != 4 {
				t.Fatalf("five creations of one name at once: %v", got)
			}
			expect(t, "same name in another project", owner.call(t, http.MethodPost, "/api/v1/projects/"+other+"/"+kind.path, `{"name":"Backend"}`),
				http.StatusCreated, "")
			expect(t, "outsider creates", outsider.call(t, http.MethodPost, base, `{"name":"Sneaky"}`), http.StatusNotFound, "project_not_found")
			expect(t, "outsider lists", outsider.call(t, http.MethodGet, base, ""), http.StatusNotFound, "project_not_found")

			fid := frontend["id"].(string)
			r = part.call(t, http.MethodPatch, base+"/"+fid, `{"name":"Web","color":"#00FF00"}`)
			expect(t, "rename and recolour", r, http.StatusOK, "")
			if r.json(t)["name"] != "Web" || r.json(t)["color"] != "#00ff00" {
				t.Fatalf("updated: %s", r.Body)
			}
			expect(t, "rename to a taken name", owner.call(t, http.MethodPatch, base+"/"+fid, `{"name":"backend"}`), http.StatusConflict, kind.taken)
			expect(t, "unknown id", owner.call(t, http.MethodPatch, base+"/00000000-0000-4000-8000-000000000000", `{"name":"x"}`),
				http.StatusNotFound, kind.notFound)
			expect(t, "outsider renames", outsider.call(t, http.MethodPatch, base+"/"+fid, `{"name":"x"}`), http.StatusNotFound, "project_not_found")

			if names := flowField(flowWalk(t, part, base+"?limit=1"), "name"); !slices.Equal(names, []string{"Backend", "Web"}) {
				t.Fatalf("listed by name: %v", names)
			}

			bid := backend["id"].(string)
			attach := map[string]any{"title": "Labelled"}
			if kind.field == "tagIds" {
				attach["tagIds"] = []string{bid, fid}
			} else {
				attach["categoryId"] = bid
			}
			task := newTask(t, part, pid, attach)
			foreign := flowLabel(t, owner, other, kind.path, "Foreign")
			bad := map[string]any{"title": "Mislabelled", "categoryId": foreign}
			if kind.field == "tagIds" {
				bad = map[string]any{"title": "Mislabelled", "tagIds": []string{foreign}}
			}
			expect(t, "label of another project", owner.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/tasks", jsonBody(t, bad)),
				http.StatusBadRequest, kind.invalid)

			expect(t, "outsider deletes", outsider.call(t, http.MethodDelete, base+"/"+bid, ""), http.StatusNotFound, "project_not_found")
			expect(t, "delete", owner.call(t, http.MethodDelete, base+"/"+bid, ""), http.StatusNoContent, "")
			expect(t, "delete again", owner.call(t, http.MethodDelete, base+"/"+bid, ""), http.StatusNotFound, kind.notFound)
			r = part.call(t, http.MethodGet, fmt.Sprintf("/api/v1/tasks/%s", task["id"]), "")
			expect(t, "task after the deletion", r, http.StatusOK, "")
			after := r.json(t)
			if after["version"] != task["version"].(float64)+1 {
				t.Fatalf("detaching gives the task a new version: %v → %s", task["version"], r.Body)
			}
			if kind.field == "tagIds" {
				if got := flowField(flowObjectsOfIDs(after["tagIds"]), "id"); !slices.Equal(got, []string{fid}) {
					t.Fatalf("deleted tag still on the task: %s", r.Body)
				}
			} else if after["categoryId"] != nil {
				t.Fatalf("deleted category still on the task: %s", r.Body)
			}
			if names := flowField(flowWalk(t, owner, base), "name"); !slices.Equal(names, []string{"Web"}) {
				t.Fatalf("after the deletion: %v", names)
			}
			expect(t, "name free again", owner.call(t, http.MethodPost, base, `{"name":"Backend"}`), http.StatusCreated, "")
		})
	}
}

func TestTaskListing(t *testing.T) {
	t.Parallel()
	owner, part, outsider := newPerson(t, "listo"), newPerson(t, "listp"), newPerson(t, "listx")
	pid := newProject(t, owner, "Board")
	qid := newProject(t, owner, "Second board")
	addParticipant(t, owner, pid, part)
	addParticipant(t, owner, qid, part)
	c1 := flowLabel(t, owner, pid, "categories", "Ops")
	t1, t2 := flowLabel(t, owner, pid, "tags", "red"), flowLabel(t, owner, pid, "tags", "blue")

	type spec struct {
		name    string
		project string
		fields  map[string]any
	}
	specs := []spec{
		{"alpha", pid, map[string]any{"title": "Alpha report", "priority": "urgent", "dueAt": "2030-01-05T10:00:00+01:00", "assigneeIds": []string{part.ID}, "tagIds": []string{t1}, "categoryId": c1}},
		{"beta", pid, map[string]any{"title": "beta review", "status": "in_progress", "priority": "high", "dueAt": "2030-01-03T12:00:00Z", "assigneeIds": []string{owner.ID}, "tagIds": []string{t2}}},
		{"gamma", pid, map[string]any{"title": "Gamma ALPHA fix", "status": "done", "priority": "medium", "dueAt": "2020-01-01T00:00:00Z", "assigneeIds": []string{part.ID}}},
		{"delta", pid, map[string]any{"title": "Delta", "priority": "low", "dueAt": "2020-02-01T00:00:00-08:00", "categoryId": c1, "tagIds": []string{t1, t2}}},
		{"epsilon", pid, map[string]any{"title": "Epsilon"}},
		{"zeta", pid, map[string]any{"title": "Zeta", "status": "in_progress", "priority": "urgent", "assigneeIds": []string{part.ID, owner.ID}}},
		{"eta", pid, map[string]any{"title": "Eta", "priority": "high", "dueAt": "2030-01-03T12:00:00Z"}},
		{"theta", pid, map[string]any{"title": "Theta", "status": "done", "dueAt": "2030-06-01T00:00:00Z"}},
		{"iota", qid, map[string]any{"title": "Iota", "priority": "medium", "assigneeIds": []string{part.ID}}},
		{"kappa", qid, map[string]any{"title": "Kappa"}},
	}
	ids := map[string]string{}
	var created []string
	for _, s := range specs {
		task := newTask(t, owner, s.project, s.fields)
		ids[s.name] = task["id"].(string)
		created = append(created, s.name)
	}
	names := func(list ...string) []string {
		out := make([]string, 0, len(list))
		for _, n := range list {
			out = append(out, ids[n])
		}
		return out
	}
	base := "/api/v1/projects/" + pid + "/tasks"

	t.Run("filters", func(t *testing.T) {
		cases := []struct {
			who   person
			query string
			want  []string
		}{
			{owner, "status=todo", names("alpha", "delta", "epsilon", "eta")},
			{owner, "status=todo&status=done", names("alpha", "gamma", "delta", "epsilon", "eta", "theta")},
			{part, "assignee=me", names("alpha", "gamma", "zeta")},
			{part, "assignee=" + owner.ID, names("beta", "zeta")},
			{owner, "tag=" + t1, names("alpha", "delta")},
			{owner, "category=" + c1, names("alpha", "delta")},
			{owner, "priority=urgent", names("alpha", "zeta")},
			{owner, "priority=high&priority=urgent", names("alpha", "beta", "zeta", "eta")},
			{owner, "priority=none", names("epsilon", "theta")},
			{owner, "dueBefore=" + url.QueryEscape("2030-01-04T01:00:00+01:00"), names("beta", "gamma", "delta", "eta")},
			{owner, "dueAfter=" + url.QueryEscape("2030-01-04T01:00:00+01:00"), names("alpha", "theta")},
			{owner, "dueAfter=2030-01-03T12:00:00Z&dueBefore=2030-01-05T09:00:01Z", names("beta", "eta", "alpha")},
			{owner, "overdue=true", names("delta")},
			{owner, "overdue=false", names("alpha", "beta", "gamma", "epsilon", "zeta", "eta", "theta")},
			{owner, "q=alpha", names("alpha", "gamma")},
			{owner, "q=REVIEW", names("beta")},
			{part, "status=todo&assignee=me", names("alpha")},
		}
		for _, c := range cases {
			got := flowIDs(flowWalk(t, c.who, base+"?limit=200&"+c.query))
			flowSameSet(t, c.query, got, c.want)
		}
		r := owner.call(t, http.MethodGet, base+"?counts=true&status=todo", "")
		expect(t, "counts", r, http.StatusOK, "")
		counts, _ := r.json(t)["counts"].(map[string]any)
		if counts["todo"] != float64(4) || counts["in_progress"] != float64(2) || counts["done"] != float64(2) {
			t.Fatalf("counts per status ignore the status filter: %s", r.Body)
		}
		r = owner.call(t, http.MethodGet, base+"?counts=true&tag="+t1, "")
		counts, _ = r.json(t)["counts"].(map[string]any)
		if counts["todo"] != float64(2) || counts["in_progress"] != float64(0) || counts["done"] != float64(0) {
			t.Fatalf("counts follow the other filters: %s", r.Body)
		}
	})

	t.Run("my-tasks", func(t *testing.T) {
		flowSameSet(t, "my tasks assigned to me", flowIDs(flowWalk(t, part, "/api/v1/tasks?assignee=me&limit=2")),
			names("alpha", "gamma", "zeta", "iota"))
		flowSameSet(t, "every task of my projects", flowIDs(flowWalk(t, part, "/api/v1/tasks?limit=3")), names(created...))
		flowSameSet(t, "my urgent tasks", flowIDs(flowWalk(t, owner, "/api/v1/tasks?assignee=me&priority=urgent")), names("zeta"))
		if got := flowWalk(t, outsider, "/api/v1/tasks"); len(got) != 0 {
			t.Fatalf("an outsider sees tasks: %v", flowIDs(got))
		}
		expect(t, "archive the second board", owner.call(t, http.MethodPost, "/api/v1/projects/"+qid+"/archive", ""), http.StatusOK, "")
		flowSameSet(t, "archived projects' tasks stay in my tasks", flowIDs(flowWalk(t, part, "/api/v1/tasks?assignee=me")),
			names("alpha", "gamma", "zeta", "iota"))
		expect(t, "unarchive", owner.call(t, http.MethodPost, "/api/v1/projects/"+qid+"/unarchive", ""), http.StatusOK, "")
		expect(t, "remove from the second board", owner.call(t, http.MethodDelete, "/api/v1/projects/"+qid+"/members/"+part.ID, ""), http.StatusNoContent, "")
		flowSameSet(t, "my tasks after leaving a project", flowIDs(flowWalk(t, part, "/api/v1/tasks?limit=4")), names(created[:8]...))
	})

	// Sorts, both orders, walked in pages of 3: the pages join into the
	// same sequence as one big page, and the other order is its reverse.
	t.Run("sorts-and-pages", func(t *testing.T) {
		due := func(it map[string]any) *time.Time {
			if it["dueAt"] == nil {
				return nil
			}
			d := flowTime(t, it["dueAt"])
			return &d
		}
		rank := map[string]int{"none": 0, "low": 1, "medium": 2, "high": 3, "urgent": 4}
		for _, sort := range []string{"priority", "due", "created", "updated", "position"} {
			one := flowWalk(t, owner, base+"?limit=200&sort="+sort)
			paged := flowWalk(t, owner, base+"?limit=3&sort="+sort)
			if !slices.Equal(flowIDs(one), flowIDs(paged)) {
				t.Fatalf("sort=%s: pages %v differ from one page %v", sort, flowIDs(paged), flowIDs(one))
			}
			flowSameSet(t, "sort="+sort+" lists every task once", flowIDs(paged), names(created[:8]...))
			other := "asc"
			if sort == "due" || sort == "position" {
				other = "desc"
			}
			rev := flowIDs(flowWalk(t, owner, base+"?limit=3&sort="+sort+"&order="+other))
			slices.Reverse(rev)
			if !slices.Equal(rev, flowIDs(one)) {
				t.Fatalf("sort=%s order=%s is not the reverse of the default: %v vs %v", sort, other, rev, flowIDs(one))
			}
			for i := 1; i < len(one); i++ {
				a, b := one[i-1], one[i]
				switch sort {
				case "priority":
					ra, rb := rank[a["priority"].(string)], rank[b["priority"].(string)]
					da, db := due(a), due(b)
					if ra < rb || (ra == rb && (da == nil && db != nil || da != nil && db != nil && da.After(*db))) {
						t.Fatalf("sort=priority: %s before %s", a["title"], b["title"])
					}
				case "due":
					da, db := due(a), due(b)
					if da == nil && db != nil || da != nil && db != nil && da.After(*db) {
						t.Fatalf("sort=due: %s before %s", a["title"], b["title"])
					}
				case "position":
					if a["position"].(string) > b["position"].(string) {
						t.Fatalf("sort=position: %s before %s", a["title"], b["title"])
					}
				}
			}
			switch sort {
			case "created":
				want := names(created[:8]...)
				slices.Reverse(want)
				if !slices.Equal(flowIDs(one), want) {
					t.Fatalf("sort=created: newest first, got %v want %v", flowIDs(one), want)
				}
			case "position":
				if !slices.Equal(flowIDs(one), names(created[:8]...)) {
					t.Fatalf("sort=position: creation order, got %v", flowIDs(one))
				}
			case "priority":
				if first := one[0]["id"]; first != ids["alpha"] {
					t.Fatalf("sort=priority: the urgent task due soonest comes first, got %v", one[0]["title"])
				}
			}
		}
		expect(t, "edit epsilon", owner.call(t, http.MethodPatch, "/api/v1/tasks/"+ids["epsilon"], `{"description":"touched"}`), http.StatusOK, "")
		if first := flowItems(t, owner, base+"?sort=updated&limit=1"); len(first) != 1 || first[0]["id"] != ids["epsilon"] {
			t.Fatalf("sort=updated: the task edited last comes first, got %v", flowIDs(first))
		}
		expect(t, "cursor of another sort", owner.call(t, http.MethodGet, base+"?sort=due&cursor="+url.QueryEscape(flowCursor(t, owner, base+"?limit=1&sort=created")), ""),
			http.StatusBadRequest, "invalid_cursor")
	})

	t.Run("paging-while-tasks-are-added", func(t *testing.T) {
		r := owner.call(t, http.MethodGet, base+"?limit=3&sort=created&order=asc", "")
		expect(t, "first page", r, http.StatusOK, "")
		seen := flowIDs(flowObjects(t, r.json(t)["items"]))
		cursor, _ := r.json(t)["nextCursor"].(string)
		added := newTask(t, part, pid, map[string]any{"title": "Added while paging"})
		for cursor != "" {
			r = owner.call(t, http.MethodGet, base+"?limit=3&sort=created&order=asc&cursor="+url.QueryEscape(cursor), "")
			expect(t, "next page", r, http.StatusOK, "")
			seen = append(seen, flowIDs(flowObjects(t, r.json(t)["items"]))...)
			cursor, _ = r.json(t)["nextCursor"].(string)
		}
		want := append(names(created[:8]...), added["id"].(string))
		if !slices.Equal(seen, want) {
			t.Fatalf("walk while a task was added: got %v want %v", seen, want)
		}
	})
}

// flowCursor returns the nextCursor of the first page of a list.
func flowCursor(t *testing.T, p person, path string) string {
	t.Helper()
	r := p.call(t, http.MethodGet, path, "")
	expect(t, "first page", r, http.StatusOK, "")
	c, _ := r.json(t)["nextCursor"].(string)
	if c == "" {
		t.Fatalf("%s: no nextCursor in %s", path, r.Body)
	}
	return c
}

func TestInvitationFlow(t *testing.T) {
	t.Parallel()
	owner, part := newPerson(t, "iowner"), newPerson(t, "ipart")
	alice, bob, outsider := newPerson(t, "ialice"), newPerson(t, "ibob"), newPerson(t, "iout")
	pid := newProject(t, owner, "Invitations")
	addParticipant(t, owner, pid, part)
	base := "/api/v1/projects/" + pid + "/invitations"

	inv := flowInvite(t, owner, pid, map[string]any{"username": alice.Username, "message": "Join us!\nWe have cake."})
	invID := inv["id"].(string)
	invitee, _ := inv["invitee"].(map[string]any)
	if inv["status"] != "pending" || inv["role"] != "participant" || inv["projectId"] != pid || invitee["userId"] != alice.ID ||
		inv["message"] != "Join us!\nWe have cake." || inv["projectName"] != "Invitations" {
		t.Fatalf("sent invitation: %v", inv)
	}
	if ttl := flowTime(t, inv["expiresAt"]).Sub(flowTime(t, inv["createdAt"])); ttl != 7*24*time.Hour {
		t.Fatalf("an invitation expires after 7 days by default, not %s", ttl)
	}

	t.Run("refused-sends", func(t *testing.T) {
		expect(t, "duplicate", owner.call(t, http.MethodPost, base, jsonBody(t, map[string]any{"username": alice.Username})),
			http.StatusConflict, "invitation_pending")
		expect(t, "duplicate by other case", owner.call(t, http.MethodPost, base, jsonBody(t, map[string]any{"username": strings.ToUpper(alice.Username)})),
			http.StatusConflict, "invitation_pending")
		expect(t, "existing member", owner.call(t, http.MethodPost, base, jsonBody(t, map[string]any{"username": part.Username})),
			http.StatusConflict, "already_member")
		expect(t, "existing member by email", owner.call(t, http.MethodPost, base, jsonBody(t, map[string]any{"email": part.Email})),
			http.StatusConflict, "already_member")
		expect(t, "owner role", owner.call(t, http.MethodPost, base, jsonBody(t, map[string]any{"username": bob.Username, "role": "owner"})),
			http.StatusBadRequest, "validation_failed")
		expect(t, "participant invites", part.call(t, http.MethodPost, base, jsonBody(t, map[string]any{"username": bob.Username})),
			http.StatusForbidden, "forbidden_role")
		expect(t, "outsider invites", outsider.call(t, http.MethodPost, base, jsonBody(t, map[string]any{"username": bob.Username})),
			http.StatusNotFound, "project_not_found")
		expect(t, "unknown username", owner.call(t, http.MethodPost, base, `{"username":"nobody-by-this-name"}`),
			http.StatusNotFound, "user_not_found")
		expect(t, "participant lists", part.call(t, http.MethodGet, base, ""), http.StatusForbidden, "forbidden_role")
	})

	t.Run("accept-idempotent", func(t *testing.T) {
		if mine := flowItems(t, alice, "/api/v1/invitations"); !slices.Equal(flowIDs(mine), []string{invID}) {
			t.Fatalf("alice's pending invitations: %v", flowIDs(mine))
		}
		if others := flowIDs(flowItems(t, bob, "/api/v1/invitations")); len(others) != 0 {
			t.Fatalf("bob sees invitations addressed to others: %v", others)
		}
		expect(t, "someone else accepts", bob.call(t, http.MethodPost, "/api/v1/invitations/"+invID+"/accept", ""),
			http.StatusNotFound, "invitation_not_found")
		r := alice.call(t, http.MethodPost, "/api/v1/invitations/"+invID+"/accept", "")
		expect(t, "accept", r, http.StatusOK, "")
		m, _ := r.json(t)["membership"].(map[string]any)
		got, _ := r.json(t)["invitation"].(map[string]any)
		if m["userId"] != alice.ID || m["role"] != "participant" || m["projectId"] != pid || got["status"] != "accepted" || got["decidedAt"] == nil {
			t.Fatalf("accepted: %s", r.Body)
		}
		again := alice.call(t, http.MethodPost, "/api/v1/invitations/"+invID+"/accept", "")
		expect(t, "accept again", again, http.StatusOK, "")
		if m2, _ := again.json(t)["membership"].(map[string]any); m2["userId"] != alice.ID || m2["role"] != "participant" {
			t.Fatalf("accepting again answers the same membership: %s", again.Body)
		}
		if roles := flowMembers(t, owner, pid); roles[alice.ID] != "participant" || len(roles) != 3 {
			t.Fatalf("members after the acceptance: %v", roles)
		}
		expect(t, "reject after accepting", alice.call(t, http.MethodPost, "/api/v1/invitations/"+invID+"/reject", ""),
			http.StatusConflict, "invitation_not_pending")
		expect(t, "invite a member now", owner.call(t, http.MethodPost, base, jsonBody(t, map[string]any{"username": alice.Username})),
			http.StatusConflict, "already_member")
		if mine := flowIDs(flowItems(t, alice, "/api/v1/invitations")); len(mine) != 0 {
			t.Fatalf("an accepted invitation is no longer pending: %v", mine)
		}
	})

	t.Run("concurrent", func(t *testing.T) {
		erin := newPerson(t, "ierin")
		rs := flowConcurrently(5, func(int) response {
			return owner.call(t, http.MethodPost, base, jsonBody(t, map[string]any{"username": erin.Username}))
		})
		if got := flowTally(rs); got["201 "] != 1 || got["409 invitation_pending"] != 4 {
			t.Fatalf("five invitations of one person at once: %v", got)
		}
		var id string
		for _, r := range rs {
			if r.Status == http.StatusCreated {
				inv, _ := r.json(t)["invitation"].(map[string]any)
				id, _ = inv["id"].(string)
			}
		}
		rs = flowConcurrently(4, func(int) response {
			return erin.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/accept", "")
		})
		if got := flowTally(rs); got["200 "] != 4 {
			t.Fatalf("four acceptances at once are all answered with the membership: %v", got)
		}
		if roles := flowMembers(t, owner, pid); roles[erin.ID] != "participant" {
			t.Fatalf("erin did not join: %v", roles)
		}
		expect(t, "erin leaves", erin.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/leave", ""), http.StatusNoContent, "")
		expect(t, "accept after leaving", erin.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/accept", ""),
			http.StatusConflict, "invitation_not_pending")
	})

	t.Run("reject", func(t *testing.T) {
		id := flowInvite(t, owner, pid, map[string]any{"username": bob.Username})["id"].(string)
		r := bob.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/reject", "")
		expect(t, "reject", r, http.StatusOK, "")
		if got, _ := r.json(t)["invitation"].(map[string]any); got["status"] != "rejected" {
			t.Fatalf("rejected: %s", r.Body)
		}
		expect(t, "reject again", bob.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/reject", ""), http.StatusOK, "")
		expect(t, "accept after rejecting", bob.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/accept", ""),
			http.StatusConflict, "invitation_not_pending")
		expect(t, "not a member", bob.call(t, http.MethodGet, "/api/v1/projects/"+pid, ""), http.StatusNotFound, "project_not_found")
		if rejected := flowIDs(flowWalk(t, owner, base+"?status=rejected")); !slices.Equal(rejected, []string{id}) {
			t.Fatalf("rejected invitations: %v", rejected)
		}
	})

	t.Run("cancel", func(t *testing.T) {
		id := flowInvite(t, owner, pid, map[string]any{"username": outsider.Username})["id"].(string)
		if pending := flowIDs(flowWalk(t, owner, base)); !slices.Contains(pending, id) {
			t.Fatalf("pending invitations of the project: %v", pending)
		}
		expect(t, "participant cancels", part.call(t, http.MethodDelete, base+"/"+id, ""), http.StatusForbidden, "forbidden_role")
		expect(t, "invitee cancels", outsider.call(t, http.MethodDelete, base+"/"+id, ""), http.StatusNotFound, "project_not_found")
		expect(t, "cancel", owner.call(t, http.MethodDelete, base+"/"+id, ""), http.StatusNoContent, "")
		r := owner.call(t, http.MethodDelete, base+"/"+id, "")
		expect(t, "cancel again", r, http.StatusConflict, "invitation_not_pending")
		if flowDetails(t, r)["status"] != "cancelled" {
			t.Fatalf("details.status: %s", r.Body)
		}
		if mine := flowIDs(flowItems(t, outsider, "/api/v1/invitations")); slices.Contains(mine, id) {
			t.Fatal("a cancelled invitation is still pending for the invitee")
		}
		expect(t, "accept cancelled", outsider.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/accept", ""),
			http.StatusConflict, "invitation_not_pending")
		all := flowWalk(t, owner, base+"?status=all&limit=1")
		if got := flowIDs(all); len(got) != 4 || got[0] != id || got[3] != invID {
			t.Fatalf("all invitations, newest first: %v", got)
		}
	})

	t.Run("email-before-sign-up", func(t *testing.T) {
		n := time.Now().UnixNano() % 1_000_000_000
		later := account{Email: fmt.Sprintf("later%d@example.com", n), Username: fmt.Sprintf("later%d", n), Password: "correct horse battery staple"}
		inv := flowInvite(t, owner, pid, map[string]any{"email": fmt.Sprintf("Later%d@Example.COM", n)})
		id := inv["id"].(string)
		if e, _ := inv["invitee"].(map[string]any); e["email"] != strings.ToLower(later.Email) || e["userId"] != nil {
			t.Fatalf("invitee by email: %v", inv["invitee"])
		}
		expect(t, "same address again", owner.call(t, http.MethodPost, base, jsonBody(t, map[string]any{"email": strings.ToUpper(later.Email)})),
			http.StatusConflict, "invitation_pending")
		expect(t, "sign up", later.signUp(t), http.StatusCreated, "")
		tk, r := later.logIn(t, later.Username)
		expect(t, "log in", r, http.StatusOK, "")
		newcomer := person{account: later, Token: tk.Access}
		eventually(t, 30*time.Second, "the invitation to reach the new account", func() bool {
			return slices.Contains(flowIDs(flowItems(t, newcomer, "/api/v1/invitations")), id)
		})
		r = newcomer.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/accept", "")
		expect(t, "accept", r, http.StatusOK, "")
		m, _ := r.json(t)["membership"].(map[string]any)
		uid, _ := m["userId"].(string)
		if roles := flowMembers(t, owner, pid); roles[uid] != "participant" {
			t.Fatalf("the newcomer did not join: %v", roles)
		}
	})

	t.Run("expired", func(t *testing.T) {
		carol := newPerson(t, "icarol")
		id := flowInvite(t, owner, pid, map[string]any{"username": carol.Username})["id"].(string)
		flowExpire(t, id)
		if mine := flowIDs(flowItems(t, carol, "/api/v1/invitations")); slices.Contains(mine, id) {
			t.Fatal("an expired invitation is listed as pending")
		}
		if expired := flowIDs(flowWalk(t, owner, base+"?status=expired")); !slices.Contains(expired, id) {
			t.Fatalf("the project's expired invitations: %v", expired)
		}
		expect(t, "accept expired", carol.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/accept", ""), http.StatusGone, "invitation_expired")
		expect(t, "reject expired", carol.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/reject", ""), http.StatusGone, "invitation_expired")
		expect(t, "not a member", carol.call(t, http.MethodGet, "/api/v1/projects/"+pid, ""), http.StatusNotFound, "project_not_found")
		r := owner.call(t, http.MethodDelete, base+"/"+id, "")
		expect(t, "cancel expired", r, http.StatusConflict, "invitation_not_pending")
		if flowDetails(t, r)["status"] != "expired" {
			t.Fatalf("details.status: %s", r.Body)
		}
		flowInvite(t, owner, pid, map[string]any{"username": carol.Username})
	})

	t.Run("archived-project", func(t *testing.T) {
		dave := newPerson(t, "idave")
		id := flowInvite(t, owner, pid, map[string]any{"username": dave.Username})["id"].(string)
		expect(t, "archive", owner.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/archive", ""), http.StatusOK, "")
		expect(t, "accept while archived", dave.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/accept", ""),
			http.StatusConflict, "project_archived")
		expect(t, "cancel while archived", owner.call(t, http.MethodDelete, base+"/"+id, ""), http.StatusConflict, "project_archived")
		expect(t, "list while archived", owner.call(t, http.MethodGet, base, ""), http.StatusOK, "")
		expect(t, "unarchive", owner.call(t, http.MethodPost, "/api/v1/projects/"+pid+"/unarchive", ""), http.StatusOK, "")
		expect(t, "accept after unarchiving", dave.call(t, http.MethodPost, "/api/v1/invitations/"+id+"/accept", ""), http.StatusOK, "")
	})
}
