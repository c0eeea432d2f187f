package ports_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/apitest"
)

// FuzzSearchAPI sends arbitrary methods, targets, bodies and credentials
// to the service (the search route, the event routes, the rebuild): no
// server error, refusals in the error shape, and every delivery answered
// SUCCESS, RETRY or DROP. Seeds in testdata/fuzz/FuzzSearchAPI.
func FuzzSearchAPI(f *testing.F) {
	f.Add(uint8(0), "/api/v1/search?q=land%20pa&status=todo&limit=2", []byte(nil), uint8(1))
	f.Add(uint8(0), "/api/v1/search?q=%22%22%22&project=PID&assignee=me&dueFrom=2026-01-01&dueTo=2025-01-01", []byte(nil), uint8(1))
	f.Add(uint8(0), "/api/v1/search?q=x&cursor=eyJvIjoxLCJzIjoxfQ", []byte(nil), uint8(1))
	f.Add(uint8(1), "/events/tasks", []byte(`{"specversion":"1.0","id":"e1","source":"/t","type":"taskrocket.task.created.v1","data":{"task":{"id":"x"}}}`), uint8(2))
	f.Add(uint8(1), "/events/comments", []byte(`{"specversion":"1.0","id":"e2","source":"/t","type":"taskrocket.comment.deleted.v1","data":{"taskId":null}}`), uint8(2))
	f.Add(uint8(1), "/events/projects", []byte(`{`), uint8(2))
	f.Add(uint8(1), "/internal/reindex", []byte(nil), uint8(0))

	f.Fuzz(func(t *testing.T, method uint8, target string, body []byte, auth uint8) {
		env := fuzzEnv(t)
		rec := env.Serve(t, method, target, body, auth)
		if rec.Code == http.StatusOK && len(target) > 7 && target[:7] == "/events" {
			var out struct{ Status string }
			if json.Unmarshal(rec.Body.Bytes(), &out) != nil || (out.Status != "SUCCESS" && out.Status != "RETRY" && out.Status != "DROP") {
				t.Fatalf("delivery -> %s", rec.Body)
			}
		}
	})
}

func fuzzEnv(t *testing.T) apitest.FuzzEnv {
	e := newEnv(t)
	ada := e.user("ada")
	p := e.project("Website", "WEB", ada)
	e.save(newTask(p, "Ship the landing page"))
	return apitest.FuzzEnv{Handler: e.api.Engine, Token: ada.Token, AppToken: appToken, Vars: map[string]string{"PID": p, "UID": uuid.NewString()}}
}
