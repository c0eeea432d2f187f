package domain

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
)

var t0 = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func pending(t *testing.T, who Invitee) Invitation {
	t.Helper()
	inv, err := NewInvitation(Request{Username: "x", Role: "participant"}, Sender{UserID: "owner-1", Username: "olga"},
		"project-1", "Apollo", who, t0, 7*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func TestNewInvitation(t *testing.T) {
	t.Parallel()
	inv := pending(t, Invitee{UserID: "u1", AddressedBy: AddressedByUsername, Username: "ada"})
	if id, err := uuid.Parse(inv.ID); err != nil || id.Version() != 7 {
		t.Fatalf("id %q is not a UUIDv7", inv.ID)
	}
	if inv.Status != StatusPending || !inv.ExpiresAt.Equal(t0.Add(168*time.Hour)) || inv.DecidedAt != nil ||
		inv.InvitedBy != "owner-1" || inv.ProjectName != "Apollo" {
		t.Fatalf("new invitation %+v", inv)
	}
}

func TestAddressedTo(t *testing.T) {
	t.Parallel()
	byUser := pending(t, Invitee{UserID: "u1", AddressedBy: AddressedByUsername, Username: "ada"})
	byEmail := pending(t, Invitee{AddressedBy: AddressedByEmail, Email: "ada@example.com"})
	resolved := pending(t, Invitee{UserID: "u1", AddressedBy: AddressedByEmail, Email: "ada@example.com"})
	tests := []struct {
		name          string
		inv           Invitation
		userID, email string
		want          bool
	}{
		{"account-matches", byUser, "u1", "", true},
		{"other-account", byUser, "u2", "ada@example.com", false},
		{"email-matches-before-an-account-is-attached", byEmail, "u9", "ada@example.com", true},
		{"email-unknown", byEmail, "u9", "", false},
		{"other-email", byEmail, "u9", "eve@example.com", false},
		// The address was an account's when the invitation was sent: it is
		// that account's, not whoever has the address now.
		{"resolved-email-belongs-to-the-account", resolved, "u2", "ada@example.com", false},
		{"resolved-email-account-matches", resolved, "u1", "new@example.com", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.inv.AddressedTo(tc.userID, tc.email); got != tc.want {
				t.Fatalf("AddressedTo = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTransitions(t *testing.T) {
	t.Parallel()
	later := t0.Add(time.Hour)
	overdue := t0.Add(8 * 24 * time.Hour)
	decided := func(s Status) Invitation {
		inv := pending(t, Invitee{AddressedBy: AddressedByEmail, Email: "ada@example.com"})
		inv.Status = s
		return inv
	}
	tests := []struct {
		name       string
		inv        Invitation
		act        func(inv *Invitation) error
		wantErr    error
		wantStatus Status
	}{
		{"accept-attaches-the-account", decided(StatusPending), func(i *Invitation) error { return i.Accept("u1", later) }, nil, StatusAccepted},
		{"reject-pending", decided(StatusPending), func(i *Invitation) error { return i.Reject("u1", later) }, nil, StatusRejected},
		{"cancel-pending", decided(StatusPending), func(i *Invitation) error { return i.Cancel("owner-1", "cancelled_by_owner", later) }, nil, StatusCancelled},
		{"expire-overdue", decided(StatusPending), func(i *Invitation) error { return i.Expire(overdue) }, nil, StatusExpired},
		{"expire-not-yet-due", decided(StatusPending), func(i *Invitation) error { return i.Expire(later) }, ErrInvitationNotPending, StatusPending},
		{"accept-overdue", decided(StatusPending), func(i *Invitation) error { return i.Accept("u1", overdue) }, ErrInvitationExpired, StatusPending},
		{"accept-at-the-expiry-instant", decided(StatusPending), func(i *Invitation) error { return i.Accept("u1", t0.Add(168*time.Hour)) }, ErrInvitationExpired, StatusPending},
		{"accept-expired", decided(StatusExpired), func(i *Invitation) error { return i.Accept("u1", later) }, ErrInvitationExpired, StatusExpired},
		{"accept-cancelled", decided(StatusCancelled), func(i *Invitation) error { return i.Accept("u1", later) }, ErrInvitationNotPending, StatusCancelled},
		{"reject-accepted", decided(StatusAccepted), func(i *Invitation) error { return i.Reject("u1", later) }, ErrInvitationNotPending, StatusAccepted},
		{"cancel-rejected", decided(StatusRejected), func(i *Invitation) error { return i.Cancel("o", "cancelled_by_owner", later) }, ErrInvitationNotPending, StatusRejected},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			inv := tc.inv
			err := tc.act(&inv)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if inv.Status != tc.wantStatus {
				t.Fatalf("status %s, want %s", inv.Status, tc.wantStatus)
			}
			if err != nil {
				if inv.DecidedAt != nil {
					t.Fatal("a refused transition recorded a decision")
				}
				return
			}
			if inv.DecidedAt == nil || !inv.UpdatedAt.Equal(*inv.DecidedAt) {
				t.Fatalf("decision not recorded: %+v", inv)
			}
			if tc.wantStatus == StatusAccepted && inv.Invitee.UserID != "u1" {
				t.Fatal("accepting did not attach the account")
			}
			if tc.wantStatus == StatusCancelled && inv.Reason != "cancelled_by_owner" {
				t.Fatalf("reason %q", inv.Reason)
			}
		})
	}
}

func TestEffectiveStatus(t *testing.T) {
	t.Parallel()
	inv := pending(t, Invitee{UserID: "u1", AddressedBy: AddressedByUsername})
	if s := inv.EffectiveStatus(t0.Add(time.Hour)); s != StatusPending {
		t.Fatalf("fresh: %s", s)
	}
	if s := inv.EffectiveStatus(inv.ExpiresAt); s != StatusExpired {
		t.Fatalf("at expiry: %s", s)
	}
	inv.Status = StatusAccepted
	if s := inv.EffectiveStatus(inv.ExpiresAt.Add(time.Hour)); s != StatusAccepted {
		t.Fatalf("decided invitations keep their status: %s", s)
	}
}
