package ports_test

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/contracts/contracttest"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/invitations/ports"
)

// deliver posts a CloudEvent to a subscription route as the sidecar does
// and returns the outcome it answers.
func (e *env) deliver(route, eventType string, data any, edit func(ev *events.Event)) string {
	e.t.Helper()
	ev, err := events.New("/test", eventType, "subject", data)
	if err != nil {
		e.t.Fatal(err)
	}
	if edit != nil {
		edit(&ev)
	}
	res := e.must(http.StatusOK, req{Method: "POST", Path: route, Body: ev, Header: map[string]string{"dapr-api-token": appToken}})
	var out struct{ Status string }
	if err := json.Unmarshal(res.Body, &out); err != nil {
		e.t.Fatal(err)
	}
	return out.Status
}

func projectDeleted(projectID, actor string) map[string]any {
	return map[string]any{"projectId": projectID, "actor": map[string]any{"userId": actor},
		"name": "ignored field", "occurredAt": time.Now().UTC()}
}

func TestProjectDeletedCancelsItsPendingInvitations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, cid := e.account("ada"), e.account("bob"), e.account("cid")
	project := e.projects.create(ada.ID, "Apollo")
	other := e.projects.create(ada.ID, "Gemini")
	pending1 := e.invite(ada, project, map[string]any{"username": "bob"})
	pending2 := e.invite(ada, project, map[string]any{"email": "new@example.com"})
	decided := e.invite(ada, project, map[string]any{"username": "cid"})
	e.must(http.StatusOK, req{Method: "POST", Path: rejectPath(decided["id"]), Token: cid.Token})
	kept := e.invite(ada, other, map[string]any{"username": "bob"})

	var first events.Event
	outcome := e.deliver(ports.RouteProjectDeleted, contracts.EventProjectDeleted, projectDeleted(project, ada.ID), func(ev *events.Event) { first = *ev })
	if outcome != "SUCCESS" {
		t.Fatalf("outcome %s", outcome)
	}
	evs := e.outboxEvents(contracts.EventInvitationCancelled)
	var got []string
	for _, ev := range evs {
		p := contracttest.Decode[contracts.InvitationCancelled](t, ev)
		if p.Reason != contracts.CancelledProjectDeleted || p.Actor.UserID != ada.ID || p.ProjectID != project {
			t.Errorf("payload %+v", p)
		}
		got = append(got, p.InvitationID)
	}
	slices.Sort(got)
	want := []string{pending1["id"].(string), pending2["id"].(string)}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("cancelled %v, want %v", got, want)
	}
	items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: bob.Token}).items(t)
	if !slices.Equal(ids(items), []string{kept["id"].(string)}) {
		t.Fatalf("bob's invitations %v", ids(items))
	}

	// Redelivered (same CloudEvent id): acknowledged, nothing changes.
	before := e.counts()
	if outcome := e.deliver(ports.RouteProjectDeleted, contracts.EventProjectDeleted, projectDeleted(project, ada.ID), func(ev *events.Event) { *ev = first }); outcome != "SUCCESS" {
		t.Fatalf("redelivery outcome %s", outcome)
	}
	if after := e.counts(); after["outbox_events"] != before["outbox_events"] {
		t.Fatal("a redelivered project.deleted cancelled again")
	}
}

func TestSubscriptionDeliveriesRefusedOrDropped(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name    string
		route   string
		data    any
		outcome string
	}{
		{"project-deleted-without-id-dropped", ports.RouteProjectDeleted, map[string]any{"actor": map[string]any{"userId": "x"}}, "DROP"},
		{"project-deleted-bad-id-dropped", ports.RouteProjectDeleted, map[string]any{"projectId": "'; DROP TABLE invitations;--"}, "DROP"},
		{"project-deleted-wrong-type-dropped", ports.RouteProjectDeleted, map[string]any{"projectId": 42}, "DROP"},
		{"user-registered-without-id-dropped", ports.RouteUserRegistered, map[string]any{"email": "a@example.com"}, "DROP"},
		{"user-registered-odd-email-acknowledged", ports.RouteUserRegistered, map[string]any{"userId": "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d", "email": "not an address"}, "SUCCESS"},
		{"other-types-acknowledged", ports.RouteIgnored, map[string]any{"anything": true}, "SUCCESS"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := e.deliver(tc.route, "taskrocket.test.v1", tc.data, nil); got != tc.outcome {
				t.Fatalf("outcome %s, want %s", got, tc.outcome)
			}
		})
	}
	for _, route := range []string{ports.RouteProjectDeleted, ports.RouteUserRegistered, ports.RouteIgnored} {
		e.refuse(http.StatusUnauthorized, "sidecar_token_required", req{Method: "POST", Path: route, Body: map[string]any{},
			Header: map[string]string{"dapr-api-token": "forged"}})
	}
	if c := e.counts(); c["outbox_events"] != 0 || c["processed_events"] != 0 {
		t.Fatalf("refused deliveries wrote rows: %v", c)
	}
}

func registered(u account) contracts.UserRegistered {
	return contracts.UserRegistered{Actor: contracts.Actor{UserID: u.ID}, UserID: u.ID, Email: u.Email, Username: u.Username,
		DisplayName: "User " + u.Username, Locale: "en", Timezone: "UTC", OccurredAt: time.Now().UTC()}
}

// Invitations sent to an address before anyone had it are attached to the
// account created with it, so they follow the person when the address
// changes.
func TestUserRegisteredAttachesInvitationsSentToTheAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.account("ada")
	apollo, gemini := e.projects.create(ada.ID, "Apollo"), e.projects.create(ada.ID, "Gemini")
	first := e.invite(ada, apollo, map[string]any{"email": "carol@example.com"})
	second := e.invite(ada, gemini, map[string]any{"email": "CAROL@example.com"})
	e.invite(ada, apollo, map[string]any{"email": "someone@example.com"})

	carol := e.account("carol")
	if got := e.deliver(ports.RouteUserRegistered, contracts.EventUserRegistered, registered(carol), nil); got != "SUCCESS" {
		t.Fatalf("outcome %s", got)
	}
	var attached []string
	e.db.Raw(`SELECT id FROM invitations WHERE invitee_user_id = ? ORDER BY created_at`, carol.ID).Scan(&attached)
	if !slices.Equal(attached, []string{first["id"].(string), second["id"].(string)}) {
		t.Fatalf("attached %v", attached)
	}
	// Carol changes her address: her invitations stay hers.
	carol.Email = "carol.new@example.com"
	e.users.add(contracts.UserRef{ID: carol.ID, Username: carol.Username, Email: carol.Email})
	items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: carol.Token}).items(t)
	if len(items) != 2 {
		t.Fatalf("carol's invitations after an address change: %v", ids(items))
	}
	// Someone who later gets the old address does not get her invitations.
	dora := e.account("dora")
	e.users.add(contracts.UserRef{ID: dora.ID, Username: "dora", Email: "carol@example.com"})
	if items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: dora.Token}).items(t); len(items) != 0 {
		t.Fatalf("dora sees carol's invitations: %v", ids(items))
	}
}

// Between sign-up and the event, the owner invited the new account by
// username too: the address's invitation becomes a duplicate and is
// cancelled, so the person has one pending invitation per project.
func TestUserRegisteredCancelsADuplicate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada := e.account("ada")
	project := e.projects.create(ada.ID, "Apollo")
	byEmail := e.invite(ada, project, map[string]any{"email": "carol@example.com"})
	carol := e.account("carol")
	byName := e.invite(ada, project, map[string]any{"username": "carol"})

	var ev events.Event
	if got := e.deliver(ports.RouteUserRegistered, contracts.EventUserRegistered, registered(carol), func(x *events.Event) { ev = *x }); got != "SUCCESS" {
		t.Fatalf("outcome %s", got)
	}
	evs := e.outboxEvents(contracts.EventInvitationCancelled)
	if len(evs) != 1 {
		t.Fatalf("%d cancellations", len(evs))
	}
	if p := contracttest.Decode[contracts.InvitationCancelled](t, evs[0]); p.InvitationID != byEmail["id"] || p.Reason != contracts.CancelledDuplicate {
		t.Fatalf("payload %+v", p)
	}
	items, _ := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/invitations", Token: carol.Token}).items(t)
	if !slices.Equal(ids(items), []string{byName["id"].(string)}) {
		t.Fatalf("carol's invitations %v", ids(items))
	}
	before := e.counts()
	e.deliver(ports.RouteUserRegistered, contracts.EventUserRegistered, registered(carol), func(x *events.Event) { *x = ev })
	if after := e.counts(); after["outbox_events"] != before["outbox_events"] {
		t.Fatal("a redelivered user.registered wrote events")
	}
}

// The subscription file routes exactly the event types this service
// handles to its routes, acknowledges the rest, and dead-letters.
func TestSubscriptionsFileMatchesTheRoutes(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../../components/subscriptions/invitations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	type subscription struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Spec       struct {
			PubSubName string `yaml:"pubsubname"`
			Topic      string `yaml:"topic"`
			Routes     struct {
				Rules []struct {
					Match string `yaml:"match"`
					Path  string `yaml:"path"`
				} `yaml:"rules"`
				Default string `yaml:"default"`
			} `yaml:"routes"`
			DeadLetterTopic string `yaml:"deadLetterTopic"`
		} `yaml:"spec"`
		Scopes []string `yaml:"scopes"`
	}
	dec := yaml.NewDecoder(bytesReader(raw))
	routes := map[string]string{}
	topics := []string{}
	for {
		var s subscription
		if err := dec.Decode(&s); err != nil {
			break
		}
		if s.APIVersion != "dapr.io/v2alpha1" || s.Kind != "Subscription" || s.Spec.PubSubName != contracts.PubSub ||
			s.Spec.DeadLetterTopic != contracts.TopicDeadLetter || !slices.Equal(s.Scopes, []string{contracts.AppInvitations}) ||
			s.Spec.Routes.Default != ports.RouteIgnored {
			t.Errorf("subscription %+v", s)
		}
		topics = append(topics, s.Spec.Topic)
		for _, r := range s.Spec.Routes.Rules {
			routes[r.Match] = r.Path
		}
	}
	want := map[string]string{
		`event.type == "` + contracts.EventProjectDeleted + `"`: ports.RouteProjectDeleted,
		`event.type == "` + contracts.EventUserRegistered + `"`: ports.RouteUserRegistered,
	}
	if !slices.Equal(topics, []string{contracts.TopicProjects, contracts.TopicUsers}) || len(routes) != len(want) {
		t.Fatalf("topics %v routes %v", topics, routes)
	}
	for match, path := range want {
		if routes[match] != path {
			t.Errorf("%s routes to %q, want %q", match, routes[match], path)
		}
	}
}
