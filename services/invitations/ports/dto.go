package ports

import (
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// Requests. Plain strings: an absent field and an empty one are alike;
// the domain's validation reports every invalid field at once.

type sendRequest struct {
	Email    string `json:"email"`
	Username string `json:"username"`
	Role     string `json:"role"`
	Message  string `json:"message"`
}

// Responses.

// invitation is an invitation as its project's owners and its invitee see
// it.
type invitation struct {
	ID          string     `json:"id"`
	ProjectID   string     `json:"projectId"`
	ProjectName string     `json:"projectName"`
	Invitee     invitee    `json:"invitee"`
	Role        string     `json:"role"`
	Message     string     `json:"message"`
	Status      string     `json:"status"`
	InvitedBy   person     `json:"invitedBy"`
	CreatedAt   time.Time  `json:"createdAt"`
	ExpiresAt   time.Time  `json:"expiresAt"`
	DecidedAt   *time.Time `json:"decidedAt,omitempty"`
}

// invitee is the invitee as the owner addressed them: a username names the
// account; an email address is shown as typed, without telling whether an
// account has it.
type invitee struct {
	UserID   string `json:"userId,omitempty"`
	Username string `json:"username,omitempty"`
	Email    string `json:"email,omitempty"`
}

type person struct {
	UserID   string `json:"userId"`
	Username string `json:"username,omitempty"`
}

type membership struct {
	ProjectID   string `json:"projectId"`
	ProjectName string `json:"projectName"`
	UserID      string `json:"userId"`
	Role        string `json:"role"`
}

type invitationEnvelope struct {
	Invitation invitation `json:"invitation"`
}

type acceptedResponse struct {
	Invitation invitation `json:"invitation"`
	Membership membership `json:"membership"`
}

type listResponse struct {
	Items      []invitation `json:"items"`
	NextCursor string       `json:"nextCursor,omitempty"`
}

func toInvitation(inv domain.Invitation) invitation {
	out := invitation{
		ID: inv.ID, ProjectID: inv.ProjectID, ProjectName: inv.ProjectName,
		Role: inv.Role, Message: inv.Message, Status: string(inv.Status),
		InvitedBy: person{UserID: inv.InvitedBy, Username: inv.InvitedByUsername},
		CreatedAt: inv.CreatedAt.UTC(), ExpiresAt: inv.ExpiresAt.UTC(),
	}
	if inv.Invitee.AddressedBy == domain.AddressedByEmail {
		out.Invitee.Email = inv.Invitee.Email
	} else {
		out.Invitee.UserID, out.Invitee.Username = inv.Invitee.UserID, inv.Invitee.Username
	}
	if inv.DecidedAt != nil {
		t := inv.DecidedAt.UTC()
		out.DecidedAt = &t
	}
	return out
}

func toMembership(m contracts.Membership) membership {
	return membership{ProjectID: m.ProjectID, ProjectName: m.ProjectName, UserID: m.UserID, Role: m.Role}
}

func toList(p domain.Paged) listResponse {
	out := listResponse{Items: make([]invitation, 0, len(p.Items))}
	for _, inv := range p.Items {
		out.Items = append(out.Items, toInvitation(inv))
	}
	if p.Next != nil {
		out.NextCursor = encodeCursor(*p.Next)
	}
	return out
}
