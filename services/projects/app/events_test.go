package app

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// recordingTx keeps what publish stores.
type recordingTx struct {
	Tx
	published []events.Event
}

func (r *recordingTx) Publish(_ context.Context, ev events.Event) error {
	r.published = append(r.published, ev)
	return nil
}

// NextVersion numbers the events of the test's one project from 7 on.
func (r *recordingTx) NextVersion(context.Context, string) (int64, error) {
	return int64(7 + len(r.published)), nil
}

// Every payload this service builds matches its schema, including the
// role change that only a future role can trigger.
func TestEventPayloadsMatchTheirSchemas(t *testing.T) {
	t.Parallel()
	v, err := contracts.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	a := actor("0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d")
	pid, uid := "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3e", "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3f"
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		typ     string
		payload func(v int64) any
	}{
		{contracts.EventProjectCreated, func(v int64) any {
			return contracts.ProjectCreated{Actor: a, ProjectID: pid, ProjectVersion: v, Name: "N", Key: "NK", OwnerID: uid, OccurredAt: now}
		}},
		{contracts.EventProjectUpdated, func(v int64) any {
			return contracts.ProjectUpdated{Actor: a, ProjectID: pid, ProjectVersion: v, Name: "N", Color: "#a0b0c0", Key: "NK", Changed: []string{"color"}, OccurredAt: now}
		}},
		{contracts.EventProjectArchived, func(v int64) any {
			return contracts.ProjectArchived{Actor: a, ProjectID: pid, ProjectVersion: v, OccurredAt: now}
		}},
		{contracts.EventProjectUnarchived, func(v int64) any {
			return contracts.ProjectUnarchived{Actor: a, ProjectID: pid, ProjectVersion: v, OccurredAt: now}
		}},
		{contracts.EventProjectDeleted, func(v int64) any {
			return contracts.ProjectDeleted{Actor: a, ProjectID: pid, ProjectVersion: v, Name: "N", MemberIDs: []string{uid}, OccurredAt: now}
		}},
		{contracts.EventProjectMemberAdded, func(v int64) any {
			return contracts.ProjectMemberAdded{Actor: a, ProjectID: pid, ProjectVersion: v, ProjectName: "N", UserID: uid, Role: "participant", OccurredAt: now}
		}},
		{contracts.EventProjectMemberRemoved, func(v int64) any {
			return contracts.ProjectMemberRemoved{Actor: a, ProjectID: pid, ProjectVersion: v, UserID: uid, Reason: "left", OccurredAt: now}
		}},
		{contracts.EventProjectMemberRoleChanged, func(v int64) any {
			return contracts.ProjectMemberRoleChanged{Actor: a, ProjectID: pid, ProjectVersion: v, UserID: uid, Role: "participant", PreviousRole: "participant", OccurredAt: now}
		}},
		{contracts.EventProjectOwnershipTransferred, func(v int64) any {
			return contracts.ProjectOwnershipTransferred{Actor: a, ProjectID: pid, ProjectVersion: v, PreviousOwnerID: uid, NewOwnerID: a.UserID, OccurredAt: now}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.typ, func(t *testing.T) {
			t.Parallel()
			tx := &recordingTx{}
			if err := publish(context.Background(), tx, tc.typ, pid, tc.payload); err != nil {
				t.Fatal(err)
			}
			ev := tx.published[0]
			if ev.Subject != pid || ev.Source != EventSource || ev.DataSchema != contracts.SchemaURL(tc.typ) {
				t.Fatalf("envelope %+v", ev)
			}
			if err := v.Validate(tc.typ, ev.Data); err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			_ = json.Unmarshal(ev.Data, &m)
			if m["occurredAt"] != "2026-11-26T12:00:00Z" {
				t.Fatalf("occurredAt %v", m["occurredAt"])
			}
			if m["projectVersion"] != float64(7) {
				t.Fatalf("projectVersion %v, want the project's next version", m["projectVersion"])
			}
		})
	}
}

func TestFreeKeyFindsTheFirstUnusedSuffix(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		key   string
		taken []string
		want  string
	}{
		{"OLD", []string{"OLD"}, "OLD2"},
		{"OLD", []string{"OLD", "OLD2", "OLD3"}, "OLD4"},
		{"ABCDEFGHIJ", []string{"ABCDEFGHIJ"}, "ABCDEFGHI2"},
		{"ABCDEFGHIJ", []string{"ABCDEFGHIJ", "ABCDEFGHI2", "ABCDEFGHI3", "ABCDEFGHI4", "ABCDEFGHI5", "ABCDEFGHI6", "ABCDEFGHI7", "ABCDEFGHI8", "ABCDEFGHI9"}, "ABCDEFGH10"},
	} {
		if got := freeKey(tc.key, tc.taken); got != tc.want {
			t.Errorf("freeKey(%s) = %s, want %s", tc.key, got, tc.want)
		}
	}
}
