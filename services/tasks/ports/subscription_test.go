package ports_test

import (
	"os"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/tasks/ports"
)

// The declarative subscription routes each consumed event type to the
// route that handles it, and everything else to the route that
// acknowledges it; all three are served.
func TestTheSubscriptionRoutesToTheServedRoutes(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../../components/subscriptions/tasks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var sub struct {
		Kind string
		Spec struct {
			Pubsubname      string
			Topic           string
			DeadLetterTopic string `yaml:"deadLetterTopic"`
			Routes          struct {
				Rules   []struct{ Match, Path string }
				Default string
			}
		}
		Scopes []string
	}
	if err := yaml.Unmarshal(raw, &sub); err != nil {
		t.Fatal(err)
	}
	if sub.Kind != "Subscription" || sub.Spec.Pubsubname != contracts.PubSub || sub.Spec.Topic != contracts.TopicProjects ||
		sub.Spec.DeadLetterTopic != contracts.TopicDeadLetter || !slices.Equal(sub.Scopes, []string{contracts.AppTasks}) {
		t.Fatalf("subscription %+v", sub)
	}
	want := map[string]string{
		`event.type == "` + contracts.EventProjectDeleted + `"`:       ports.RouteProjectDeleted,
		`event.type == "` + contracts.EventProjectMemberRemoved + `"`: ports.RouteMemberRemoved,
	}
	if len(sub.Spec.Routes.Rules) != len(want) || sub.Spec.Routes.Default != ports.RouteProjectsOther {
		t.Fatalf("routes %+v", sub.Spec.Routes)
	}
	for _, r := range sub.Spec.Routes.Rules {
		if want[r.Match] != r.Path {
			t.Errorf("rule %q -> %s, want %s", r.Match, r.Path, want[r.Match])
		}
	}
	e := newEnv(t)
	var served []string
	for _, r := range e.api.Engine.Routes() {
		served = append(served, r.Method+" "+r.Path)
	}
	for _, path := range []string{ports.RouteProjectDeleted, ports.RouteMemberRemoved, ports.RouteProjectsOther} {
		if !slices.Contains(served, "POST "+path) {
			t.Errorf("POST %s is not served", path)
		}
	}
}
