package ports_test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
)

func TestProfileNeedsAValidToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signUp("ada", "analytical engine")
	token := e.login("ada", "analytical engine")
	got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", Token: token}).JSON(t)
	if got["id"] != u["id"] || got["email"] != "ada@example.com" {
		t.Fatalf("profile %v", got)
	}
	if res := e.must(http.StatusUnauthorized, req{Method: "GET", Path: "/api/v1/me"}); res.Code() != "token_missing" {
		t.Fatalf("code %s", res.Code())
	}
	if res := e.must(http.StatusUnauthorized, req{Method: "GET", Path: "/api/v1/me", Token: token + "x"}); res.Code() != "token_invalid" {
		t.Fatalf("code %s", res.Code())
	}
	stranger := e.auth.token("01900000-0000-7000-8000-000000000000", "ghost", "s1")
	if res := e.must(http.StatusNotFound, req{Method: "GET", Path: "/api/v1/me", Token: stranger}); res.Code() != "user_not_found" {
		t.Fatalf("code %s", res.Code())
	}
	notUUID := e.auth.token("not-a-uuid", "ghost", "s1")
	e.must(http.StatusNotFound, req{Method: "GET", Path: "/api/v1/me", Token: notUUID})
}

// captureUpdates records the SQL of every UPDATE gorm runs on db.
func captureUpdates(t *testing.T, db *gorm.DB) func() []string {
	var (
		mu  sync.Mutex
		sql []string
	)
	name := "test:capture:" + t.Name()
	if err := db.Callback().Update().After("gorm:update").Register(name, func(tx *gorm.DB) {
		mu.Lock()
		defer mu.Unlock()
		sql = append(sql, tx.Statement.SQL.String())
	}); err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), sql...)
	}
}

var setColumns = regexp.MustCompile(`"([a-z_]+)"=\$`)

func columnsOf(update string) []string {
	set, _, _ := strings.Cut(update, " WHERE ")
	var cols []string
	for _, m := range setColumns.FindAllStringSubmatch(set, -1) {
		cols = append(cols, m[1])
	}
	slices.Sort(cols)
	return cols
}

func TestUpdateProfileWritesOnlyChangedFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signUp("ada", "analytical engine")
	token := e.login("ada", "analytical engine")
	updates := captureUpdates(t, e.db)

	// displayName is sent unchanged, timezone changes: only timezone is written.
	res := e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/me", Token: token,
		Body: map[string]any{"displayName": "User ada", "timezone": "Europe/Warsaw", "locale": nil}})
	p := res.JSON(t)
	if p["timezone"] != "Europe/Warsaw" || p["displayName"] != "User ada" || p["locale"] != "en" {
		t.Fatalf("profile %v", p)
	}
	sqls := updates()
	if len(sqls) != 1 || !slices.Equal(columnsOf(sqls[0]), []string{"timezone", "updated_at"}) {
		t.Fatalf("UPDATE statements %q, want one writing timezone and updated_at only", sqls)
	}
	evs := e.outboxEvents(contracts.EventUserUpdated)
	if len(evs) != 1 {
		t.Fatalf("%d user.updated events", len(evs))
	}
	ev := contracttest.Decode[contracts.UserUpdated](t, evs[0])
	if !slices.Equal(ev.Changed, []string{"timezone"}) || ev.Timezone != "Europe/Warsaw" || ev.UserID != u["id"] {
		t.Fatalf("event %+v", ev)
	}

	// Avatar set, locale canonicalised; then an update that changes nothing.
	p = e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/me", Token: token,
		Body: map[string]any{"avatarUrl": "https://cdn.example.com/ada.png", "locale": "pl_pl"}}).JSON(t)
	if p["avatarUrl"] != "https://cdn.example.com/ada.png" || p["locale"] != "pl-PL" {
		t.Fatalf("profile %v", p)
	}
	before := e.counts()
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/me", Token: token, Body: map[string]any{"locale": "pl-PL"}})
	e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/me", Token: token, Body: map[string]any{}})
	if after := e.counts(); after["outbox_events"] != before["outbox_events"] || len(updates()) != 2 {
		t.Fatalf("an update without changes wrote something: %v -> %v, %d updates", before, after, len(updates()))
	}
	// Clearing the avatar.
	p = e.must(http.StatusOK, req{Method: "PATCH", Path: "/api/v1/me", Token: token, Body: map[string]any{"avatarUrl": ""}}).JSON(t)
	if p["avatarUrl"] != "" {
		t.Fatalf("avatar not cleared: %v", p)
	}
	changed := [][]string{}
	for _, ev := range e.outboxEvents(contracts.EventUserUpdated) {
		changed = append(changed, contracttest.Decode[contracts.UserUpdated](t, ev).Changed)
	}
	if len(changed) != 3 || !slices.Equal(changed[1], []string{"locale", "avatarUrl"}) || !slices.Equal(changed[2], []string{"avatarUrl"}) {
		t.Fatalf("changed lists %v", changed)
	}
}

func TestUpdateProfileRefusesInvalidValues(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.signUp("ada", "analytical engine")
	token := e.login("ada", "analytical engine")
	before := e.counts()
	for _, body := range []map[string]any{
		{"timezone": "Atlantis/Capital"},
		{"timezone": "Local"},
		{"locale": "english please"},
		{"avatarUrl": "javascript:alert(1)"},
		{"avatarUrl": "https://example.com/" + strings.Repeat("a", 2048)},
		{"displayName": ""},
		{"displayName": "\u202eevil"},
		{"displayName": "Ada", "timezone": "Nowhere"}, // nothing applied, not even the valid field
	} {
		res := e.must(http.StatusBadRequest, req{Method: "PATCH", Path: "/api/v1/me", Token: token, Body: body})
		if res.Code() != "validation_failed" {
			t.Fatalf("%v: code %s", body, res.Code())
		}
	}
	if after := e.counts(); after["outbox_events"] != before["outbox_events"] {
		t.Fatal("a refused update announced a change")
	}
	p := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/me", Token: token}).JSON(t)
	if p["displayName"] != "User ada" || p["timezone"] != "UTC" {
		t.Fatalf("profile changed by refused updates: %v", p)
	}
}

func TestFindPersonByUsername(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signUp("grace", "cobol compiler 1959")
	e.signUp("ada", "analytical engine")
	token := e.login("ada", "analytical engine")
	res := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/users/Grace", Token: token})
	got := res.JSON(t)["user"].(map[string]any)
	if got["id"] != u["id"] || got["username"] != "grace" || got["displayName"] != "User grace" {
		t.Fatalf("user %v", got)
	}
	if strings.Contains(string(res.Body), "@") {
		t.Fatalf("the public profile exposes the email: %s", res.Body)
	}
	for _, name := range []string{"nobody", "x", "grace%27--", "gr%E2%80%8Bace"} {
		if res := e.must(http.StatusNotFound, req{Method: "GET", Path: "/api/v1/users/" + name, Token: token}); res.Code() != "user_not_found" {
			t.Fatalf("%s: %s", name, res.Code())
		}
	}
	e.must(http.StatusUnauthorized, req{Method: "GET", Path: "/api/v1/users/grace"})
}
