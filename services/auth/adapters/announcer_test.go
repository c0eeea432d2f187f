package adapters

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

type publishRecorder struct {
	pubsub, topic string
	raw           []byte
}

func (p *publishRecorder) Publish(_ context.Context, pubsub, topic string, raw []byte) error {
	p.pubsub, p.topic, p.raw = pubsub, topic, raw
	return nil
}

// Both revocation events are CloudEvents on the sessions topic whose data
// matches their schema, with the revocation's id (a repeat is recognisably
// the same event).
func TestRevocationsArePublishedAsTheirEvents(t *testing.T) {
	t.Parallel()
	v, err := contracts.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)
	uid, sid, keep := "0190f0f0-0000-7000-8000-000000000001", "0190f0f0-0000-7000-8000-000000000002", "0190f0f0-0000-7000-8000-000000000003"
	for _, tc := range []struct {
		rev      domain.Revocation
		wantType string
	}{
		{domain.Revocation{ID: "0190f0f0-0000-7000-8000-0000000000a1", SessionID: sid, UserID: uid, Reason: domain.ReasonLogout,
			At: at, TokensExpireBy: at.Add(10 * time.Minute)}, contracts.EventSessionRevoked},
		{domain.Revocation{ID: "0190f0f0-0000-7000-8000-0000000000a2", UserID: uid, Keep: keep, Sessions: []string{sid},
			Reason: domain.ReasonPasswordChanged, At: at, TokensExpireBy: at.Add(10 * time.Minute)}, contracts.EventUserSessionsRevoked},
		{domain.Revocation{ID: "0190f0f0-0000-7000-8000-0000000000a3", UserID: uid, Reason: domain.ReasonAccountDeleted,
			At: at, TokensExpireBy: at.Add(10 * time.Minute)}, contracts.EventUserSessionsRevoked},
	} {
		pub := &publishRecorder{}
		if err := NewAnnouncer(pub).Announce(context.Background(), tc.rev); err != nil {
			t.Fatal(err)
		}
		ev, err := events.Parse(pub.raw)
		if err != nil {
			t.Fatal(err)
		}
		if pub.pubsub != contracts.PubSub || pub.topic != contracts.TopicSessions || ev.Type != tc.wantType || ev.ID != tc.rev.ID ||
			ev.DataSchema != contracts.SchemaURL(tc.wantType) {
			t.Fatalf("published %s/%s %+v", pub.pubsub, pub.topic, ev)
		}
		if err := v.Validate(ev.Type, ev.Data); err != nil {
			t.Fatal(err)
		}
		var data map[string]any
		_ = json.Unmarshal(ev.Data, &data)
		if data["tokensExpireBy"] != "2030-01-01T09:10:00Z" {
			t.Fatalf("data %v", data)
		}
	}
}
