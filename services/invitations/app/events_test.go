package app

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

const (
	ownerID   = "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d"
	inviteeID = "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3e"
	projectID = "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3f"
)

func invitation(t *testing.T, who domain.Invitee) domain.Invitation {
	t.Helper()
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	inv, err := domain.NewInvitation(domain.Request{Role: contracts.RoleParticipant, Message: "Join us"},
		domain.Sender{UserID: ownerID, Username: "ada"}, projectID, "Apollo", who, now, 7*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

// Every event this service builds matches its published JSON Schema, names
// the invitation as its subject, and never publishes the private address of
// someone invited by username.
func TestEventsMatchTheirSchemas(t *testing.T) {
	t.Parallel()
	v, err := contracts.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	later := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	overdue := later.Add(14 * 24 * time.Hour)
	byName := domain.Invitee{UserID: inviteeID, AddressedBy: domain.AddressedByUsername, Username: "bob", Email: "private@example.com"}
	byEmail := domain.Invitee{AddressedBy: domain.AddressedByEmail, Email: "carol@example.com"}
	tests := []struct {
		name        string
		who         domain.Invitee
		build       func(inv *domain.Invitation) (events.Event, error)
		wantType    string
		wantInvitee contracts.Invitee
	}{
		{"sent-by-username", byName, func(inv *domain.Invitation) (events.Event, error) { return sentEvent(*inv) },
			contracts.EventInvitationSent, contracts.Invitee{UserID: inviteeID}},
		{"sent-by-email", byEmail, func(inv *domain.Invitation) (events.Event, error) { return sentEvent(*inv) },
			contracts.EventInvitationSent, contracts.Invitee{Email: "carol@example.com"}},
		{"accepted-by-email", byEmail, func(inv *domain.Invitation) (events.Event, error) {
			if err := inv.Accept(inviteeID, later); err != nil {
				return events.Event{}, err
			}
			return acceptedEvent(*inv)
		}, contracts.EventInvitationAccepted, contracts.Invitee{UserID: inviteeID, Email: "carol@example.com"}},
		{"rejected", byName, func(inv *domain.Invitation) (events.Event, error) {
			if err := inv.Reject(inviteeID, later); err != nil {
				return events.Event{}, err
			}
			return rejectedEvent(*inv)
		}, contracts.EventInvitationRejected, contracts.Invitee{UserID: inviteeID}},
		{"cancelled", byEmail, func(inv *domain.Invitation) (events.Event, error) {
			return cancelOrExpire(inv, ownerID, contracts.CancelledProjectDeleted, later)
		}, contracts.EventInvitationCancelled, contracts.Invitee{Email: "carol@example.com"}},
		{"cancelled-when-overdue-expires", byEmail, func(inv *domain.Invitation) (events.Event, error) {
			return cancelOrExpire(inv, ownerID, contracts.CancelledProjectDeleted, overdue)
		}, contracts.EventInvitationExpired, contracts.Invitee{Email: "carol@example.com"}},
		{"expired", byName, func(inv *domain.Invitation) (events.Event, error) {
			ev, err := expireLocked(inv, overdue)
			if err != nil {
				return events.Event{}, err
			}
			return *ev, nil
		}, contracts.EventInvitationExpired, contracts.Invitee{UserID: inviteeID}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			inv := invitation(t, tc.who)
			ev, err := tc.build(&inv)
			if err != nil {
				t.Fatal(err)
			}
			if ev.Type != tc.wantType || ev.Subject != inv.ID || ev.Source != EventSource || ev.DataSchema != contracts.SchemaURL(ev.Type) {
				t.Fatalf("envelope %+v", ev)
			}
			if err := v.Validate(ev.Type, ev.Data); err != nil {
				t.Fatalf("%v\n%s", err, ev.Data)
			}
			var payload struct {
				Invitee contracts.Invitee `json:"invitee"`
				Actor   contracts.Actor   `json:"actor"`
			}
			if err := json.Unmarshal(ev.Data, &payload); err != nil {
				t.Fatal(err)
			}
			if payload.Invitee != tc.wantInvitee || strings.Contains(string(ev.Data), "private@example.com") {
				t.Fatalf("invitee %+v in %s", payload.Invitee, ev.Data)
			}
			if payload.Actor.UserID == "" {
				t.Fatal("no actor")
			}
		})
	}
}

func TestSchemasRefuseAnInvitationForNobody(t *testing.T) {
	t.Parallel()
	v, err := contracts.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	inv := invitation(t, domain.Invitee{AddressedBy: domain.AddressedByEmail})
	ev, err := sentEvent(inv)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Validate(ev.Type, ev.Data); err == nil {
		t.Fatalf("an invitation without invitee passed its schema: %s", ev.Data)
	}
	if err := inv.Accept(inviteeID, inv.CreatedAt); err != nil {
		t.Fatal(err)
	}
	inv.Invitee.UserID = ""
	ev, _ = acceptedEvent(inv)
	if err := v.Validate(ev.Type, ev.Data); err == nil {
		t.Fatalf("an acceptance without the invitee's account passed its schema: %s", ev.Data)
	}
}
