package adapters

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// EventSource is the CloudEvent source of auth's events.
const EventSource = "/auth"

// Publisher publishes CloudEvent bytes (daprx.Sidecar).
type Publisher interface {
	Publish(ctx context.Context, pubsub, topic string, cloudEvent []byte) error
}

// Announcer publishes revocations on the sessions topic (app.Announcer).
type Announcer struct {
	pub Publisher
}

// NewAnnouncer returns the app.Announcer publishing through pub.
func NewAnnouncer(pub Publisher) *Announcer { return &Announcer{pub: pub} }

var _ app.Announcer = (*Announcer)(nil)

// Announce implements app.Announcer. The event id is the revocation's, so
// an announcement repeated after a failure is recognisably the same.
func (a *Announcer) Announce(ctx context.Context, r domain.Revocation) error {
	ev, err := RevocationEvent(r)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("encode %s: %w", ev.Type, err)
	}
	return a.pub.Publish(ctx, contracts.PubSub, contracts.TopicSessions, raw)
}

// RevocationEvent is the CloudEvent announcing r.
func RevocationEvent(r domain.Revocation) (events.Event, error) {
	actor := contracts.Actor{UserID: r.UserID}
	var (
		typ, subject string
		payload      any
	)
	if r.ForUser() {
		typ, subject = contracts.EventUserSessionsRevoked, r.UserID
		payload = contracts.UserSessionsRevoked{
			Actor: actor, UserID: r.UserID, ExceptSessionID: r.Keep, SessionIDs: append([]string{}, r.Sessions...),
			Reason: r.Reason, RevokedBefore: r.At, TokensExpireBy: r.TokensExpireBy,
		}
	} else {
		typ, subject = contracts.EventSessionRevoked, r.SessionID
		payload = contracts.SessionRevoked{
			Actor: actor, SessionID: r.SessionID, UserID: r.UserID, Reason: r.Reason,
			RevokedAt: r.At, TokensExpireBy: r.TokensExpireBy,
		}
	}
	ev, err := events.New(EventSource, typ, subject, payload)
	if err != nil {
		return events.Event{}, err
	}
	ev.ID, ev.DataSchema = r.ID, contracts.SchemaURL(typ)
	return ev, nil
}
