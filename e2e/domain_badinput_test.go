package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Bad input on every endpoint of projects, tasks and invitations that
// takes a body or an id: a 4xx with the code the OpenAPI documents, never
// a 5xx, and nothing written.

// badCase is one refused request and the answer it must get.
type badCase struct {
	name   string
	method string
	path   string
	body   string
	status int
	code   string
	header map[string]string
}

// badCode reads error.code without failing on a body that is not JSON.
func badCode(r response) string {
	var doc struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &doc)
	return doc.Error.Code
}

// badRun sends every case as p and checks the status and code of each.
func badRun(t *testing.T, p person, cases []badCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := p.callWith(t, c.method, c.path, c.body, c.header)
			if r.Status >= 500 {
				t.Fatalf("%s %s: server error %d %.300s", c.method, c.path, r.Status, r.Body)
			}
			if r.Status != c.status || badCode(r) != c.code {
				t.Fatalf("%s %s: got %d %.300s, want %d %s", c.method, c.path, r.Status, r.Body, c.status, c.code)
			}
		})
	}
}

// badBodies are the malformed bodies every JSON endpoint refuses the same
// way, whatever its fields.
func badBodies(prefix, method, path string) []badCase {
	return []badCase{
		{prefix + "-malformed-json", method, path, `{"name": "x",`, http.StatusBadRequest, "invalid_json", nil},
		{prefix + "-not-json", method, path, `name=x`, http.StatusBadRequest, "invalid_json", nil},
		{prefix + "-empty-body", method, path, ``, http.StatusBadRequest, "invalid_json", nil},
		{prefix + "-json-array", method, path, `[]`, http.StatusBadRequest, "invalid_field_type", nil},
		{prefix + "-json-string", method, path, `"x"`, http.StatusBadRequest, "invalid_field_type", nil},
		{prefix + "-two-megabytes", method, path, `{"name":"` + strings.Repeat("a", 2<<20) + `"}`, http.StatusRequestEntityTooLarge, "body_too_large", nil},
		{prefix + "-text-plain", method, path, `{"name":"x"}`, http.StatusUnsupportedMediaType, "unsupported_media_type",
			map[string]string{"Content-Type": "text/plain"}},
	}
}

// badSnapshot reads what the lists and objects touched by the bad calls
// hold now.
func badSnapshot(t *testing.T, p person, paths []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, path := range paths {
		r := p.call(t, http.MethodGet, path, "")
		expect(t, "read "+path, r, http.StatusOK, "")
		out[path] = string(r.Body)
	}
	return out
}

func TestDomainBadInput(t *testing.T) {
	t.Parallel()
	owner, part := newPerson(t, "bowner"), newPerson(t, "bpart")
	pid := newProject(t, owner, "Bad input")
	addParticipant(t, owner, pid, part)
	cat := flowLabel(t, owner, pid, "categories", "Cat")
	tag := flowLabel(t, owner, pid, "tags", "Tag")
	task := newTask(t, owner, pid, map[string]any{"title": "Victim", "assigneeIds": []string{part.ID}, "tagIds": []string{tag}})
	tid := task["id"].(string)
	invited := newPerson(t, "binv")
	inv := flowInvite(t, owner, pid, map[string]any{"username": invited.Username})

	proj := "/api/v1/projects/" + pid
	watched := []string{
		"/api/v1/projects?archived=all&limit=200",
		proj,
		proj + "/members?limit=200",
		proj + "/tasks?limit=200&sort=created",
		"/api/v1/tasks/" + tid,
		proj + "/categories?limit=200",
		proj + "/tags?limit=200",
		proj + "/invitations?status=all&limit=200",
	}
	before := badSnapshot(t, owner, watched)
	invitedBefore := badSnapshot(t, invited, []string{"/api/v1/invitations"})
	const badID = "not-a-uuid"
	long := func(n int) string { return strings.Repeat("é", n) }

	t.Run("projects", func(t *testing.T) {
		var cases []badCase
		cases = append(cases, badBodies("create", http.MethodPost, "/api/v1/projects")...)
		cases = append(cases, badBodies("update", http.MethodPatch, proj)...)
		cases = append(cases, badBodies("add-member", http.MethodPost, proj+"/members")...)
		cases = append(cases, badBodies("change-role", http.MethodPatch, proj+"/members/"+part.ID)...)
		cases = append(cases, badBodies("transfer", http.MethodPost, proj+"/transfer")...)
		key := projectKey()
		v, b := http.StatusBadRequest, "validation_failed"
		ft := "invalid_field_type"
		cases = append(cases, []badCase{
			{"create-wrong-types", http.MethodPost, "/api/v1/projects", `{"name":42,"key":true}`, v, ft, nil},
			{"create-wrong-type-color", http.MethodPost, "/api/v1/projects", `{"name":"x","key":"` + key + `","color":123}`, v, ft, nil},
			{"create-missing-fields", http.MethodPost, "/api/v1/projects", `{}`, v, b, nil},
			{"create-missing-key", http.MethodPost, "/api/v1/projects", `{"name":"No key"}`, v, b, nil},
			{"create-blank-name", http.MethodPost, "/api/v1/projects", `{"name":"   ","key":"` + key + `"}`, v, b, nil},
			{"create-control-char", http.MethodPost, "/api/v1/projects", `{"name":"bell\u0007","key":"` + key + `"}`, v, b, nil},
			{"create-nul", http.MethodPost, "/api/v1/projects", `{"name":"nul\u0000byte","key":"` + key + `"}`, v, b, nil},
			{"create-rtl-override", http.MethodPost, "/api/v1/projects", `{"name":"ab\u202ecd","key":"` + key + `"}`, v, b, nil},
			{"create-zero-width", http.MethodPost, "/api/v1/projects", `{"name":"ab\u200bcd","key":"` + key + `"}`, v, b, nil},
			{"create-long-name", http.MethodPost, "/api/v1/projects", `{"name":"` + long(101) + `","key":"` + key + `"}`, v, b, nil},
			{"create-long-description", http.MethodPost, "/api/v1/projects", `{"name":"x","key":"` + key + `","description":"` + long(10001) + `"}`, v, b, nil},
			{"create-lower-key", http.MethodPost, "/api/v1/projects", `{"name":"x","key":"abc"}`, v, b, nil},
			{"create-sql-key", http.MethodPost, "/api/v1/projects", `{"name":"x","key":"A'; DROP TABLE projects;--"}`, v, b, nil},
			{"create-bad-color", http.MethodPost, "/api/v1/projects", `{"name":"x","key":"` + key + `","color":"red"}`, v, b, nil},
			{"update-wrong-type", http.MethodPatch, proj, `{"name":["x"]}`, v, ft, nil},
			{"update-blank-name", http.MethodPatch, proj, `{"name":""}`, v, b, nil},
			{"update-control-char", http.MethodPatch, proj, `{"name":"tab\u0001"}`, v, b, nil},
			{"update-long-name", http.MethodPatch, proj, `{"name":"` + long(101) + `"}`, v, b, nil},
			{"update-bad-key", http.MethodPatch, proj, `{"key":"K"}`, v, b, nil},
			{"update-bad-color", http.MethodPatch, proj, `{"color":"#12345"}`, v, b, nil},
			{"update-bad-and-good", http.MethodPatch, proj, `{"description":"would be fine","color":"#zzzzzz"}`, v, b, nil},
			{"add-member-wrong-types", http.MethodPost, proj + "/members", `{"userId":1,"role":2}`, v, ft, nil},
			{"add-member-missing", http.MethodPost, proj + "/members", `{}`, v, b, nil},
			{"add-member-bad-uuid", http.MethodPost, proj + "/members", `{"userId":"nope","role":"participant"}`, v, b, nil},
			{"add-member-sql-uuid", http.MethodPost, proj + "/members", `{"userId":"' OR 1=1 --","role":"participant"}`, v, b, nil},
			{"add-member-unknown-role", http.MethodPost, proj + "/members", `{"userId":"` + invited.ID + `","role":"admin"}`, v, b, nil},
			{"change-role-wrong-type", http.MethodPatch, proj + "/members/" + part.ID, `{"role":1}`, v, ft, nil},
			{"change-role-missing", http.MethodPatch, proj + "/members/" + part.ID, `{}`, v, b, nil},
			{"change-role-unknown-role", http.MethodPatch, proj + "/members/" + part.ID, `{"role":"admin"}`, v, b, nil},
			{"change-role-bad-user-path", http.MethodPatch, proj + "/members/" + badID, `{"role":"participant"}`, http.StatusNotFound, "member_not_found", nil},
			{"remove-bad-user-path", http.MethodDelete, proj + "/members/" + badID, ``, http.StatusNotFound, "member_not_found", nil},
			{"transfer-wrong-type", http.MethodPost, proj + "/transfer", `{"userId":7}`, v, ft, nil},
			{"transfer-missing", http.MethodPost, proj + "/transfer", `{}`, v, b, nil},
			{"transfer-bad-uuid", http.MethodPost, proj + "/transfer", `{"userId":"nope"}`, v, b, nil},
		}...)
		for _, c := range []struct{ method, suffix string }{
			{http.MethodGet, ""}, {http.MethodPatch, ""}, {http.MethodDelete, ""}, {http.MethodPost, "/archive"},
			{http.MethodPost, "/unarchive"}, {http.MethodPost, "/leave"}, {http.MethodPost, "/transfer"},
			{http.MethodGet, "/members"}, {http.MethodPost, "/members"},
		} {
			body := ""
			if c.method == http.MethodPatch || c.suffix == "/transfer" || c.suffix == "/members" && c.method == http.MethodPost {
				body = jsonBody(t, map[string]any{"name": "x", "userId": part.ID, "role": "participant"})
			}
			for _, bad := range []string{badID, "00000000-0000-0000-0000-00000000000g", "%27%20OR%201%3D1", strings.Repeat("9", 300)} {
				cases = append(cases, badCase{fmt.Sprintf("path-%s%s-%.12s", strings.ToLower(c.method), strings.ReplaceAll(c.suffix, "/", "-"), bad),
					c.method, "/api/v1/projects/" + bad + c.suffix, body, http.StatusNotFound, "project_not_found", nil})
			}
		}
		cases = append(cases, []badCase{
			{"list-bad-archived", http.MethodGet, "/api/v1/projects?archived=maybe", ``, v, b, nil},
			{"list-bad-limit", http.MethodGet, "/api/v1/projects?limit=0", ``, v, b, nil},
			{"list-huge-limit", http.MethodGet, "/api/v1/projects?limit=99999999999999999999", ``, v, b, nil},
			{"list-bad-cursor", http.MethodGet, "/api/v1/projects?cursor=%27%3B--", ``, v, "invalid_cursor", nil},
			{"members-bad-limit", http.MethodGet, proj + "/members?limit=-1", ``, v, b, nil},
		}...)
		badRun(t, owner, cases)
	})

	t.Run("tasks", func(t *testing.T) {
		create := proj + "/tasks"
		update := "/api/v1/tasks/" + tid
		var cases []badCase
		cases = append(cases, badBodies("create", http.MethodPost, create)...)
		cases = append(cases, badBodies("update", http.MethodPatch, update)...)
		v, b, ft := http.StatusBadRequest, "validation_failed", "invalid_field_type"
		for _, f := range []struct{ name, json string }{
			{"title-number", `{"title":1}`},
			{"estimate-string", `{"title":"x","estimateMinutes":"10"}`},
			{"estimate-fraction", `{"title":"x","estimateMinutes":1.5}`},
			{"assignees-string", `{"title":"x","assigneeIds":"` + part.ID + `"}`},
			{"tags-numbers", `{"title":"x","tagIds":[1,2]}`},
			{"position-string", `{"title":"x","position":"first"}`},
			{"status-bool", `{"title":"x","status":true}`},
		} {
			cases = append(cases, badCase{"create-wrong-type-" + f.name, http.MethodPost, create, f.json, v, ft, nil})
			cases = append(cases, badCase{"update-wrong-type-" + f.name, http.MethodPatch, update, f.json, v, ft, nil})
		}
		for _, f := range []struct{ name, json string }{
			{"blank-title", `{"title":"  "}`},
			{"control-title", `{"title":"bell\u0007"}`},
			{"nul-title", `{"title":"nul\u0000"}`},
			{"newline-title", `{"title":"two\nlines"}`},
			{"rtl-title", `{"title":"ab\u202ecd"}`},
			{"zero-width-only-title", `{"title":"\u200b"}`},
			{"long-title", `{"title":"` + long(201) + `"}`},
			{"long-description", `{"title":"x","description":"` + long(20001) + `"}`},
			{"control-description", `{"title":"x","description":"esc\u001b[31m"}`},
			{"bidi-description", `{"title":"x","description":"ab\u202ecd"}`},
			{"unknown-status", `{"title":"x","status":"blocked"}`},
			{"unknown-priority", `{"title":"x","priority":"critical"}`},
			{"upper-priority", `{"title":"x","priority":"HIGH"}`},
			{"date-words", `{"title":"x","dueAt":"tomorrow"}`},
			{"date-without-offset", `{"title":"x","dueAt":"2030-01-01T10:00:00"}`},
			{"date-only", `{"title":"x","startAt":"2030-01-01"}`},
			{"date-february-30", `{"title":"x","dueAt":"2030-02-30T10:00:00Z"}`},
			{"date-hour-25", `{"title":"x","dueAt":"2030-01-01T25:00:00Z"}`},
			{"date-year-zero", `{"title":"x","dueAt":"0000-01-01T00:00:00Z"}`},
			{"due-before-start", `{"title":"x","startAt":"2030-01-02T00:00:00Z","dueAt":"2030-01-01T00:00:00Z"}`},
			{"unknown-timezone", `{"title":"x","timezone":"Mars/Olympus"}`},
			{"local-timezone", `{"title":"x","timezone":"Local"}`},
			{"path-timezone", `{"title":"x","timezone":"../../etc/passwd"}`},
			{"negative-estimate", `{"title":"x","estimateMinutes":-1}`},
			{"huge-estimate", `{"title":"x","estimateMinutes":100001}`},
			{"bad-assignee", `{"title":"x","assigneeIds":["nope"]}`},
			{"sql-assignee", `{"title":"x","assigneeIds":["' OR 1=1 --"]}`},
			{"bad-category", `{"title":"x","categoryId":"nope"}`},
			{"bad-tag", `{"title":"x","tagIds":["` + tag + `x"]}`},
			{"bad-parent", `{"title":"x","parentId":"nope"}`},
			{"bad-position", `{"title":"x","position":{"afterId":"nope"}}`},
			{"position-same-both", `{"title":"x","position":{"afterId":"` + tid + `","beforeId":"` + tid + `"}}`},
			{"too-many-tags", `{"title":"x","tagIds":[` + badUUIDs(51) + `]}`},
			{"too-many-assignees", `{"title":"x","assigneeIds":[` + badUUIDs(51) + `]}`},
		} {
			cases = append(cases, badCase{"create-" + f.name, http.MethodPost, create, f.json, v, b, nil})
			cases = append(cases, badCase{"update-" + f.name, http.MethodPatch, update, f.json, v, b, nil})
		}
		cases = append(cases, []badCase{
			{"create-missing-title", http.MethodPost, create, `{"description":"no title"}`, v, b, nil},
			{"create-empty-object", http.MethodPost, create, `{}`, v, b, nil},
			{"create-null-title", http.MethodPost, create, `{"title":null}`, v, b, nil},
			{"update-null-title", http.MethodPatch, update, `{"title":null,"status":"blocked"}`, v, b, nil},
			{"create-unknown-category", http.MethodPost, create, `{"title":"x","categoryId":"00000000-0000-4000-8000-000000000000"}`, v, "invalid_category", nil},
			{"create-unknown-tag", http.MethodPost, create, `{"title":"x","tagIds":["00000000-0000-4000-8000-000000000000"]}`, v, "invalid_tag", nil},
			{"create-unknown-parent", http.MethodPost, create, `{"title":"x","parentId":"00000000-0000-4000-8000-000000000000"}`, v, "invalid_parent", nil},
			{"create-unknown-assignee", http.MethodPost, create, `{"title":"x","assigneeIds":["00000000-0000-4000-8000-000000000000"]}`, v, "assignee_not_member", nil},
			{"update-stale-if-match", http.MethodPatch, update, `{"title":"stale"}`, http.StatusPreconditionFailed, "version_mismatch", map[string]string{"If-Match": `"999"`}},
			{"update-weak-if-match", http.MethodPatch, update, `{"title":"weak"}`, http.StatusPreconditionFailed, "version_mismatch", map[string]string{"If-Match": `W/"1"`}},
			{"update-garbage-if-match", http.MethodPatch, update, `{"title":"garbage"}`, http.StatusPreconditionFailed, "version_mismatch", map[string]string{"If-Match": `'; DROP`}},
			{"delete-stale-if-match", http.MethodDelete, update, ``, http.StatusPreconditionFailed, "version_mismatch", map[string]string{"If-Match": `"999"`}},
		}...)
		for _, lk := range []struct{ kind, id, notFound string }{{"categories", cat, "category_not_found"}, {"tags", tag, "tag_not_found"}} {
			base := proj + "/" + lk.kind
			cases = append(cases, badBodies(lk.kind+"-create", http.MethodPost, base)...)
			cases = append(cases, badBodies(lk.kind+"-update", http.MethodPatch, base+"/"+lk.id)...)
			cases = append(cases, []badCase{
				{lk.kind + "-create-wrong-type", http.MethodPost, base, `{"name":1}`, v, ft, nil},
				{lk.kind + "-create-wrong-type-color", http.MethodPost, base, `{"name":"x","color":255}`, v, ft, nil},
				{lk.kind + "-create-missing-name", http.MethodPost, base, `{"color":"#ffffff"}`, v, b, nil},
				{lk.kind + "-create-blank-name", http.MethodPost, base, `{"name":" "}`, v, b, nil},
				{lk.kind + "-create-control-name", http.MethodPost, base, `{"name":"a\u0000b"}`, v, b, nil},
				{lk.kind + "-create-rtl-name", http.MethodPost, base, `{"name":"a\u202eb"}`, v, b, nil},
				{lk.kind + "-create-long-name", http.MethodPost, base, `{"name":"` + long(51) + `"}`, v, b, nil},
				{lk.kind + "-create-bad-color", http.MethodPost, base, `{"name":"x","color":"#GGGGGG"}`, v, b, nil},
				{lk.kind + "-create-short-color", http.MethodPost, base, `{"name":"x","color":"#fff"}`, v, b, nil},
				{lk.kind + "-update-wrong-type", http.MethodPatch, base + "/" + lk.id, `{"name":false}`, v, ft, nil},
				{lk.kind + "-update-blank-name", http.MethodPatch, base + "/" + lk.id, `{"name":""}`, v, b, nil},
				{lk.kind + "-update-long-name", http.MethodPatch, base + "/" + lk.id, `{"name":"` + long(51) + `"}`, v, b, nil},
				{lk.kind + "-update-bad-color", http.MethodPatch, base + "/" + lk.id, `{"color":"blue"}`, v, b, nil},
				{lk.kind + "-update-bad-path", http.MethodPatch, base + "/" + badID, `{"name":"x"}`, http.StatusNotFound, lk.notFound, nil},
				{lk.kind + "-delete-bad-path", http.MethodDelete, base + "/" + badID, ``, http.StatusNotFound, lk.notFound, nil},
				{lk.kind + "-update-bad-project", http.MethodPatch, "/api/v1/projects/" + badID + "/" + lk.kind + "/" + lk.id, `{"name":"x"}`, http.StatusNotFound, "project_not_found", nil},
				{lk.kind + "-create-bad-project", http.MethodPost, "/api/v1/projects/" + badID + "/" + lk.kind, `{"name":"x"}`, http.StatusNotFound, "project_not_found", nil},
				{lk.kind + "-list-bad-limit", http.MethodGet, base + "?limit=201", ``, v, "invalid_query", nil},
				{lk.kind + "-list-unknown-param", http.MethodGet, base + "?sort=name", ``, v, "invalid_query", nil},
			}...)
		}
		for _, bad := range []string{badID, "00000000-0000-0000-0000-00000000000g", "%27%20OR%201%3D1", tid + "0"} {
			short := fmt.Sprintf("%.12s", bad)
			cases = append(cases, []badCase{
				{"get-bad-path-" + short, http.MethodGet, "/api/v1/tasks/" + bad, ``, http.StatusNotFound, "task_not_found", nil},
				{"update-bad-path-" + short, http.MethodPatch, "/api/v1/tasks/" + bad, `{"title":"x"}`, http.StatusNotFound, "task_not_found", nil},
				{"delete-bad-path-" + short, http.MethodDelete, "/api/v1/tasks/" + bad, ``, http.StatusNotFound, "task_not_found", nil},
				{"create-bad-project-" + short, http.MethodPost, "/api/v1/projects/" + bad + "/tasks", `{"title":"x"}`, http.StatusNotFound, "project_not_found", nil},
				{"list-bad-project-" + short, http.MethodGet, "/api/v1/projects/" + bad + "/tasks", ``, http.StatusNotFound, "project_not_found", nil},
			}...)
		}
		q := "invalid_query"
		for _, query := range []string{"status=blocked", "priority=critical", "assignee=nobody", "tag=x", "category=x",
			"dueBefore=tomorrow", "dueAfter=2030-01-01", "overdue=yes", "sort=title", "order=up", "limit=0", "limit=201",
			"counts=maybe", "parentId=x", "q=" + url.QueryEscape(long(201)), "q=%07", "colour=red", "sort=due&sort=created", "%zz"} {
			cases = append(cases, badCase{"list-" + query, http.MethodGet, create + "?" + query, ``, v, q, nil})
			cases = append(cases, badCase{"my-list-" + query, http.MethodGet, "/api/v1/tasks?" + query, ``, v, q, nil})
		}
		cases = append(cases, badCase{"list-forged-cursor", http.MethodGet, create + "?cursor=eyJ4IjoxfQ", ``, v, "invalid_cursor", nil})
		badRun(t, owner, cases)
	})

	t.Run("invitations", func(t *testing.T) {
		send := proj + "/invitations"
		var cases []badCase
		cases = append(cases, badBodies("send", http.MethodPost, send)...)
		v, b, ft := http.StatusBadRequest, "validation_failed", "invalid_field_type"
		cases = append(cases, []badCase{
			{"send-wrong-type-email", http.MethodPost, send, `{"email":1}`, v, ft, nil},
			{"send-wrong-type-username", http.MethodPost, send, `{"username":["x"]}`, v, ft, nil},
			{"send-wrong-type-message", http.MethodPost, send, `{"username":"someone","message":{}}`, v, ft, nil},
			{"send-missing-invitee", http.MethodPost, send, `{"role":"participant"}`, v, b, nil},
			{"send-empty-object", http.MethodPost, send, `{}`, v, b, nil},
			{"send-both", http.MethodPost, send, `{"email":"a@example.com","username":"` + invited.Username + `"}`, v, b, nil},
			{"send-bad-email", http.MethodPost, send, `{"email":"not-an-email"}`, v, b, nil},
			{"send-email-with-name", http.MethodPost, send, `{"email":"Ada <ada@example.com>"}`, v, b, nil},
			{"send-email-control", http.MethodPost, send, `{"email":"ada\u0000@example.com"}`, v, b, nil},
			{"send-email-unicode", http.MethodPost, send, `{"email":"ad\u0430@example.com"}`, v, b, nil},
			{"send-email-sql", http.MethodPost, send, `{"email":"' OR 1=1 --@example.com"}`, v, b, nil},
			{"send-long-email", http.MethodPost, send, `{"email":"` + strings.Repeat("a", 250) + `@example.com"}`, v, b, nil},
			{"send-bad-username", http.MethodPost, send, `{"username":"a b"}`, v, b, nil},
			{"send-sql-username", http.MethodPost, send, `{"username":"x'; DROP TABLE invitations;--"}`, v, b, nil},
			{"send-kelvin-username", http.MethodPost, send, `{"username":"\u212aelvin"}`, v, b, nil},
			{"send-unknown-role", http.MethodPost, send, `{"username":"someone","role":"admin"}`, v, b, nil},
			{"send-owner-role", http.MethodPost, send, `{"username":"someone","role":"owner"}`, v, b, nil},
			{"send-bidi-message", http.MethodPost, send, `{"username":"someone","message":"hi \u202e"}`, v, b, nil},
			{"send-control-message", http.MethodPost, send, `{"username":"someone","message":"hi \u0007"}`, v, b, nil},
			{"send-long-message", http.MethodPost, send, `{"username":"someone","message":"` + long(501) + `"}`, v, b, nil},
			{"list-bad-status", http.MethodGet, send + "?status=maybe", ``, v, b, nil},
			{"list-bad-limit", http.MethodGet, send + "?limit=0", ``, v, b, nil},
			{"list-bad-cursor", http.MethodGet, send + "?cursor=%27--", ``, v, "invalid_cursor", nil},
			{"mine-bad-limit", http.MethodGet, "/api/v1/invitations?limit=500", ``, v, b, nil},
			{"mine-bad-cursor", http.MethodGet, "/api/v1/invitations?cursor=abc", ``, v, "invalid_cursor", nil},
		}...)
		for _, bad := range []string{badID, "00000000-0000-0000-0000-00000000000g", "%27%20OR%201%3D1"} {
			short := fmt.Sprintf("%.12s", bad)
			cases = append(cases, []badCase{
				{"send-bad-project-" + short, http.MethodPost, "/api/v1/projects/" + bad + "/invitations", `{"username":"` + invited.Username + `"}`, http.StatusNotFound, "project_not_found", nil},
				{"list-bad-project-" + short, http.MethodGet, "/api/v1/projects/" + bad + "/invitations", ``, http.StatusNotFound, "project_not_found", nil},
				{"cancel-bad-id-" + short, http.MethodDelete, send + "/" + bad, ``, http.StatusNotFound, "invitation_not_found", nil},
				{"cancel-bad-project-" + short, http.MethodDelete, "/api/v1/projects/" + bad + "/invitations/" + inv["id"].(string), ``, http.StatusNotFound, "project_not_found", nil},
			}...)
		}
		badRun(t, owner, cases)
		var mine []badCase
		for _, bad := range []string{badID, "00000000-0000-0000-0000-00000000000g", "%27%20OR%201%3D1", "00000000-0000-4000-8000-000000000000"} {
			short := fmt.Sprintf("%.12s", bad)
			mine = append(mine,
				badCase{"accept-bad-id-" + short, http.MethodPost, "/api/v1/invitations/" + bad + "/accept", ``, http.StatusNotFound, "invitation_not_found", nil},
				badCase{"reject-bad-id-" + short, http.MethodPost, "/api/v1/invitations/" + bad + "/reject", ``, http.StatusNotFound, "invitation_not_found", nil})
		}
		mine = append(mine, badCase{"accept-with-garbage-body", http.MethodPost, "/api/v1/invitations/" + badID + "/accept", `{"x":`, http.StatusNotFound, "invitation_not_found", nil})
		badRun(t, invited, mine)
		badRun(t, part, []badCase{
			{"accept-someone-elses", http.MethodPost, "/api/v1/invitations/" + inv["id"].(string) + "/accept", ``, http.StatusNotFound, "invitation_not_found", nil},
			{"reject-someone-elses", http.MethodPost, "/api/v1/invitations/" + inv["id"].(string) + "/reject", ``, http.StatusNotFound, "invitation_not_found", nil},
		})
	})

	after := badSnapshot(t, owner, watched)
	for _, path := range watched {
		if before[path] != after[path] {
			t.Errorf("%s changed by refused requests:\nbefore %s\nafter  %s", path, before[path], after[path])
		}
	}
	if got := badSnapshot(t, invited, []string{"/api/v1/invitations"}); got["/api/v1/invitations"] != invitedBefore["/api/v1/invitations"] {
		t.Errorf("the invitee's pending invitations changed: %s", got["/api/v1/invitations"])
	}

	// What looks like SQL, LIKE patterns or unusual Unicode is data:
	// stored and answered verbatim (after trimming and NFC), and a title
	// search matches it literally.
	t.Run("stored-verbatim", func(t *testing.T) {
		sqlName := `Robert'); DROP TABLE projects;-- "x" \ %_`
		r := owner.call(t, http.MethodPost, "/api/v1/projects", jsonBody(t, map[string]any{
			"name": sqlName, "key": projectKey(), "description": "1' OR '1'='1; -- \\x00 $$ ;"}))
		expect(t, "create project", r, http.StatusCreated, "")
		sp := r.json(t)
		if sp["name"] != sqlName || sp["description"] != "1' OR '1'='1; -- \\x00 $$ ;" {
			t.Fatalf("project stored differently: %s", r.Body)
		}
		spid := sp["id"].(string)
		titles := []string{"100% done", "snake_case", `back\slash`, "' OR '1'='1", "plain", "👩‍🚀 launch", "Cafe\u0301"}
		for _, title := range titles {
			got := newTask(t, owner, spid, map[string]any{"title": title, "description": "`" + title + "`"})
			want := title
			if title == "Cafe\u0301" {
				want = "Café"
			}
			if got["title"] != want {
				t.Fatalf("title %q answered as %q", title, got["title"])
			}
		}
		for _, l := range []struct{ kind, name string }{{"categories", "%"}, {"tags", "_"}, {"tags", "'; --"}, {"categories", "👩‍🚀"}} {
			r := owner.call(t, http.MethodPost, "/api/v1/projects/"+spid+"/"+l.kind, jsonBody(t, map[string]any{"name": l.name}))
			expect(t, "create "+l.kind+" "+l.name, r, http.StatusCreated, "")
			if r.json(t)["name"] != l.name {
				t.Fatalf("%s stored as %s", l.name, r.Body)
			}
		}
		for q, want := range map[string][]string{"%": {"100% done"}, "_": {"snake_case"}, `\`: {`back\slash`}, "'": {"' OR '1'='1"}, "Cafe\u0301": {"Café"}} {
			got := flowField(flowWalk(t, owner, "/api/v1/projects/"+spid+"/tasks?q="+url.QueryEscape(q)), "title")
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("q=%s matched %q, want %q", q, got, want)
			}
		}
		msg := "x'); DELETE FROM invitations; --\n\tsecond line"
		inv := flowInvite(t, owner, spid, map[string]any{"username": part.Username, "message": msg})
		if inv["message"] != msg {
			t.Fatalf("message stored as %q", inv["message"])
		}
	})
}

// badUUIDs returns n distinct well-formed uuids as a JSON list body.
func badUUIDs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(`"00000000-0000-4000-8000-%012d"`, i)
	}
	return strings.Join(ids, ",")
}
