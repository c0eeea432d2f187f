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

	"github.com/taskrocket/taskrocket/services/projects/ports"
)

// deliver posts a CloudEvent to a subscription route as the sidecar does
// and returns the subscriber's outcome.
func (e *env) deliver(route string, ev events.Event) string {
	e.t.Helper()
	raw, _ := json.Marshal(ev)
	res := e.must(http.StatusOK, req{Method: "POST", Path: route, Body: raw, AppToken: appToken})
	var out struct{ Status string }
	_ = json.Unmarshal(res.Body, &out)
	return out.Status
}

func userDeleted(t *testing.T, userID string) events.Event {
	t.Helper()
	ev, err := events.New("/users", contracts.EventUserDeleted, userID, contracts.UserDeleted{
		Actor: contracts.Actor{UserID: userID}, UserID: userID, OccurredAt: time.Now().UTC(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestDeletedUserLeavesEveryProject(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ada, bob, carl, dan := e.newUser(), e.newUser(), e.newUser(), e.newUser()

	// ada owns "shared" (bob joined before carl), owns "solo" alone, owns
	// "archived" with dan, and participates in carl's "theirs".
	shared := e.createProject(ada, "Shared", "SHR")["id"].(string)
	e.addMember(ada, shared, bob)
	e.addMember(ada, shared, carl)
	solo := e.createProject(ada, "Solo", "SOL")["id"].(string)
	archived := e.createProject(ada, "Old", "OLD")["id"].(string)
	e.addMember(ada, archived, dan)
	e.must(http.StatusOK, req{Method: "POST", Path: "/api/v1/projects/" + archived + "/archive", Token: ada.Token})
	theirs := e.createProject(carl, "Theirs", "THR")["id"].(string)
	e.addMember(carl, theirs, ada)
	// dan already owns a project keyed OLD: the hand-over renames the key.
	e.createProject(dan, "Dan's old", "OLD")

	ev := userDeleted(t, ada.ID)
	mustEqual(t, "outcome", e.deliver(ports.RouteUserDeleted, ev), "SUCCESS")
	before := e.counts()
	mustEqual(t, "redelivery outcome", e.deliver(ports.RouteUserDeleted, ev), "SUCCESS")
	if after := e.counts(); after["outbox_events"] != before["outbox_events"] || after["project_members"] != before["project_members"] {
		t.Fatalf("a redelivered event was applied twice: %v -> %v", before, after)
	}

	got := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/projects/" + shared, Token: bob.Token}).JSON(t)
	mustEqual(t, "bob inherits shared", got["role"], any("owner"))
	mustEqual(t, "shared members", got["memberCount"], any(float64(2)))
	e.fail(http.StatusNotFound, "project_not_found", req{Method: "GET", Path: "/api/v1/projects/" + solo, Token: ada.Token})
	old := e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/projects/" + archived, Token: dan.Token}).JSON(t)
	mustEqual(t, "dan inherits the archived project", old["role"], any("owner"))
	mustEqual(t, "renamed key", old["key"], any("OLD2"))
	mustEqual(t, "still archived", old["archived"], any(true))
	mustEqual(t, "theirs members", e.must(http.StatusOK, req{Method: "GET", Path: "/api/v1/projects/" + theirs, Token: carl.Token}).JSON(t)["memberCount"], any(float64(1)))

	var left int64
	e.db.Raw(`SELECT count(*) FROM project_members WHERE user_id = ?`, ada.ID).Scan(&left)
	mustEqual(t, "ada's memberships left", left, int64(0))

	counts := e.allEventsValid()
	mustEqual(t, "deleted", counts[contracts.EventProjectDeleted], 1)
	mustEqual(t, "transfers", counts[contracts.EventProjectOwnershipTransferred], 2)
	mustEqual(t, "key renames", counts[contracts.EventProjectUpdated], 1)
	mustEqual(t, "removals", counts[contracts.EventProjectMemberRemoved], 3)
	var reasons []string
	for _, ev := range e.outboxEvents(contracts.EventProjectMemberRemoved) {
		p := contracttest.Decode[contracts.ProjectMemberRemoved](t, ev)
		if p.UserID != ada.ID {
			t.Errorf("removed %s", p.UserID)
		}
		reasons = append(reasons, p.Reason)
	}
	if !slices.Equal(reasons, []string{"user_deleted", "user_deleted", "user_deleted"}) {
		t.Fatalf("reasons %v", reasons)
	}
	for _, ev := range e.outboxEvents(contracts.EventProjectOwnershipTransferred) {
		p := contracttest.Decode[contracts.ProjectOwnershipTransferred](t, ev)
		if p.PreviousOwnerID != ada.ID || (p.NewOwnerID != bob.ID && p.NewOwnerID != dan.ID) {
			t.Errorf("transfer %+v", p)
		}
	}
}

func TestSubscriberRefusesOrDropsWhatItCannotUse(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.fail(http.StatusUnauthorized, "sidecar_token_required", req{Method: "POST", Path: ports.RouteUserDeleted, Body: `{}`})
	mustEqual(t, "not a cloudevent", e.deliver(ports.RouteUserDeleted, events.Event{}), "DROP")
	bad := userDeleted(t, "x")
	mustEqual(t, "bad user id", e.deliver(ports.RouteUserDeleted, bad), "DROP")
	other, _ := events.New("/users", contracts.EventUserUpdated, "x", map[string]any{})
	mustEqual(t, "wrong type on the route", e.deliver(ports.RouteUserDeleted, other), "DROP")
	mustEqual(t, "other users events", e.deliver(ports.RouteUsersFallback, other), "SUCCESS")
}

// The declarative subscription delivers to routes this app serves.
func TestSubscriptionFileMatchesTheRoutes(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../../components/subscriptions/projects.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var sub struct {
		Kind string
		Spec struct {
			PubSubName string `yaml:"pubsubname"`
			Topic      string
			Routes     struct {
				Rules []struct {
					Match string
					Path  string
				}
				Default string
			}
			DeadLetterTopic string `yaml:"deadLetterTopic"`
		}
		Scopes []string
	}
	if err := yaml.Unmarshal(raw, &sub); err != nil {
		t.Fatal(err)
	}
	s := sub.Spec
	if sub.Kind != "Subscription" || s.PubSubName != contracts.PubSub || s.Topic != contracts.TopicUsers ||
		s.DeadLetterTopic != contracts.TopicDeadLetter || !slices.Equal(sub.Scopes, []string{contracts.AppProjects}) {
		t.Fatalf("subscription %+v", sub)
	}
	if len(s.Routes.Rules) != 1 || s.Routes.Rules[0].Match != `event.type == "`+contracts.EventUserDeleted+`"` ||
		s.Routes.Rules[0].Path != ports.RouteUserDeleted || s.Routes.Default != ports.RouteUsersFallback {
		t.Fatalf("routes %+v", s.Routes)
	}
}
