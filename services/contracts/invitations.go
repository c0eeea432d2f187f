package contracts

import "time"

// Events of the invitations context (topic TopicInvitations). Each needs a payload
// type below and a schema file schemas/<entity>.<verb>.v1.json.
var invitationEvents = []EventSpec{
	{Type: EventInvitationSent, Topic: TopicInvitations, Schema: "invitation.sent.v1.json"},
	{Type: EventInvitationAccepted, Topic: TopicInvitations, Schema: "invitation.accepted.v1.json"},
	{Type: EventInvitationRejected, Topic: TopicInvitations, Schema: "invitation.rejected.v1.json"},
	{Type: EventInvitationCancelled, Topic: TopicInvitations, Schema: "invitation.cancelled.v1.json"},
	{Type: EventInvitationExpired, Topic: TopicInvitations, Schema: "invitation.expired.v1.json"},
}

// Event types of the invitations context. The CloudEvent subject is the
// invitation id.
const (
	EventInvitationSent      = "taskrocket.invitation.sent.v1"
	EventInvitationAccepted  = "taskrocket.invitation.accepted.v1"
	EventInvitationRejected  = "taskrocket.invitation.rejected.v1"
	EventInvitationCancelled = "taskrocket.invitation.cancelled.v1"
	EventInvitationExpired   = "taskrocket.invitation.expired.v1"
)

// Reasons of invitation.cancelled.
const (
	// CancelledByOwner: a project owner withdrew the invitation.
	CancelledByOwner = "cancelled_by_owner"
	// CancelledProjectDeleted: the project was deleted.
	CancelledProjectDeleted = "project_deleted"
	// CancelledDuplicate: an invitation addressed to an email address became
	// a second pending invitation of the same person to the same project
	// when that person signed up; the older, username-addressed one stays.
	CancelledDuplicate = "duplicate"
)

// Invitee is who an invitation is for: the account's id when it is known,
// the email address when the invitation was addressed by email (both when
// an email invitation names an existing account). At least one is set.
// The email of an invitee invited by username is never published.
type Invitee struct {
	UserID string `json:"userId,omitempty"`
	Email  string `json:"email,omitempty"`
}

// InvitationSent is published when a project owner invites someone.
// Actor is the owner who sent it.
type InvitationSent struct {
	Actor        Actor     `json:"actor"`
	InvitationID string    `json:"invitationId"`
	ProjectID    string    `json:"projectId"`
	ProjectName  string    `json:"projectName"`
	Invitee      Invitee   `json:"invitee"`
	Role         string    `json:"role"`
	Message      string    `json:"message,omitempty"`
	ExpiresAt    time.Time `json:"expiresAt"`
	OccurredAt   time.Time `json:"occurredAt"`
}

// InvitationAccepted is published when the invitee accepts and has become
// a member of the project with Role. Actor is the invitee; Invitee.UserID
// is always set.
type InvitationAccepted struct {
	Actor        Actor     `json:"actor"`
	InvitationID string    `json:"invitationId"`
	ProjectID    string    `json:"projectId"`
	ProjectName  string    `json:"projectName"`
	Invitee      Invitee   `json:"invitee"`
	Role         string    `json:"role"`
	InvitedBy    string    `json:"invitedBy"`
	OccurredAt   time.Time `json:"occurredAt"`
}

// InvitationRejected is published when the invitee declines. Actor is the
// invitee.
type InvitationRejected struct {
	Actor        Actor     `json:"actor"`
	InvitationID string    `json:"invitationId"`
	ProjectID    string    `json:"projectId"`
	ProjectName  string    `json:"projectName"`
	Invitee      Invitee   `json:"invitee"`
	Role         string    `json:"role"`
	InvitedBy    string    `json:"invitedBy"`
	OccurredAt   time.Time `json:"occurredAt"`
}

// InvitationCancelled is published when a pending invitation is withdrawn
// (Reason: one of the Cancelled* constants). Actor is the owner who
// cancelled it, whoever deleted the project, or for a duplicate the owner
// who sent it.
type InvitationCancelled struct {
	Actor        Actor     `json:"actor"`
	InvitationID string    `json:"invitationId"`
	ProjectID    string    `json:"projectId"`
	ProjectName  string    `json:"projectName"`
	Invitee      Invitee   `json:"invitee"`
	Role         string    `json:"role"`
	InvitedBy    string    `json:"invitedBy"`
	Reason       string    `json:"reason"`
	OccurredAt   time.Time `json:"occurredAt"`
}

// InvitationExpired is published when a pending invitation passes its
// expiry unanswered. Nobody acts: Actor is the owner who sent it.
type InvitationExpired struct {
	Actor        Actor     `json:"actor"`
	InvitationID string    `json:"invitationId"`
	ProjectID    string    `json:"projectId"`
	ProjectName  string    `json:"projectName"`
	Invitee      Invitee   `json:"invitee"`
	Role         string    `json:"role"`
	InvitedBy    string    `json:"invitedBy"`
	ExpiresAt    time.Time `json:"expiresAt"`
	OccurredAt   time.Time `json:"occurredAt"`
}
