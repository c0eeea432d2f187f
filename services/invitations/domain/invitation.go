// Package domain holds the rules of invitations: what a valid request is,
// who an invitation is for, and which transitions a pending invitation can
// make (accepted, rejected, cancelled, expired — each final).
package domain

import (
	"time"

	"github.com/google/uuid"
)

// Status is where an invitation is in its life.
type Status string

// Statuses. Only pending invitations change; every other status is final.
const (
	StatusPending   Status = "pending"
	StatusAccepted  Status = "accepted"
	StatusRejected  Status = "rejected"
	StatusCancelled Status = "cancelled"
	StatusExpired   Status = "expired"
)

// How the owner addressed the invitee.
const (
	AddressedByUsername = "username"
	AddressedByEmail    = "email"
)

// Invitee is who an invitation is for.
type Invitee struct {
	// UserID is the account, once known: resolved from the username or
	// the email address at send time, attached when someone signs up with
	// the address, or set by the person who accepts.
	UserID string
	// AddressedBy tells which of Username and Email the owner used; only
	// that one is stored (an account's email address is private).
	AddressedBy string
	Username    string
	Email       string
}

// Invitation invites one person to one project with a role.
type Invitation struct {
	ID                string
	ProjectID         string
	ProjectName       string // as the project was named when the invitation was sent
	Invitee           Invitee
	Role              string
	Message           string
	Status            Status
	InvitedBy         string // the owner who sent it
	InvitedByUsername string
	CreatedAt         time.Time
	ExpiresAt         time.Time
	UpdatedAt         time.Time
	// DecidedAt and DecidedBy are set when the invitation leaves pending
	// (DecidedBy stays empty for an expiry); Reason for a cancellation.
	DecidedAt *time.Time
	DecidedBy string
	Reason    string
}

// Sender is the project owner sending an invitation.
type Sender struct {
	UserID   string
	Username string
}

// NewInvitation builds a pending invitation to project (whose name is
// recorded) for invitee, valid for ttl from now.
func NewInvitation(req Request, from Sender, projectID, projectName string, invitee Invitee, now time.Time, ttl time.Duration) (Invitation, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return Invitation{}, err
	}
	return Invitation{
		ID: id.String(), ProjectID: projectID, ProjectName: projectName, Invitee: invitee,
		Role: req.Role, Message: req.Message, Status: StatusPending,
		InvitedBy: from.UserID, InvitedByUsername: from.Username,
		CreatedAt: now, ExpiresAt: now.Add(ttl), UpdatedAt: now,
	}, nil
}

// Overdue reports whether a pending invitation has passed its expiry and
// only waits to be marked expired.
func (inv Invitation) Overdue(now time.Time) bool {
	return inv.Status == StatusPending && !now.Before(inv.ExpiresAt)
}

// EffectiveStatus is the status as clients see it: an overdue pending
// invitation is expired even before the expiry worker marks it.
func (inv Invitation) EffectiveStatus(now time.Time) Status {
	if inv.Overdue(now) {
		return StatusExpired
	}
	return inv.Status
}

// AddressedTo reports whether the invitation is for the account userID
// whose email address is email: by the account id, or, while no account
// is attached, by the address it was sent to. email may be empty (unknown).
func (inv Invitation) AddressedTo(userID, email string) bool {
	if inv.Invitee.UserID != "" {
		return inv.Invitee.UserID == userID
	}
	return email != "" && inv.Invitee.Email == email
}

// Accept records that userID accepted (attaching the account to an
// invitation sent to an email address).
func (inv *Invitation) Accept(userID string, now time.Time) error {
	if err := inv.decide(StatusAccepted, userID, now); err != nil {
		return err
	}
	inv.Invitee.UserID = userID
	return nil
}

// Reject records that userID declined.
func (inv *Invitation) Reject(userID string, now time.Time) error {
	if err := inv.decide(StatusRejected, userID, now); err != nil {
		return err
	}
	inv.Invitee.UserID = userID
	return nil
}

// Cancel withdraws the invitation for reason (contracts.Cancelled*).
func (inv *Invitation) Cancel(by, reason string, now time.Time) error {
	if err := inv.decide(StatusCancelled, by, now); err != nil {
		return err
	}
	inv.Reason = reason
	return nil
}

// Expire marks an overdue invitation expired.
func (inv *Invitation) Expire(now time.Time) error {
	if !inv.Overdue(now) {
		return NotPending(inv.Status)
	}
	return inv.decide(StatusExpired, "", now)
}

func (inv *Invitation) decide(to Status, by string, now time.Time) error {
	switch {
	case inv.Status == StatusExpired:
		return ErrInvitationExpired
	case inv.Status != StatusPending:
		return NotPending(inv.Status)
	case to != StatusExpired && inv.Overdue(now):
		return ErrInvitationExpired
	}
	inv.Status, inv.DecidedBy, inv.UpdatedAt = to, by, now
	inv.DecidedAt = &now
	return nil
}
