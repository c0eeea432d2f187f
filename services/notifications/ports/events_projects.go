package ports

import (
	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// notableProjectFields are the project changes members hear of.
var notableProjectFields = map[string]string{"name": "name", "description": "description"}

var projectDecoders = map[string]decoder{
	contracts.EventProjectCreated: on(func(p contracts.ProjectCreated, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, p.Name)
		out.At = p.OccurredAt
		out.Members = []domain.MemberChange{{UserID: c.id("ownerId", p.OwnerID), Role: contracts.RoleOwner, At: p.OccurredAt}}
		return out
	}),
	contracts.EventProjectUpdated: on(func(p contracts.ProjectUpdated, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, p.Name)
		out.At = p.OccurredAt
		if changed := humanList(p.Changed, notableProjectFields); changed != "" {
			out.Reason, out.Audience, out.Detail = domain.ReasonProjectUpdated, domain.AudienceMembers, changed
		}
		return out
	}),
	contracts.EventProjectArchived: on(func(p contracts.ProjectArchived, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, "")
		out.At, out.Reason, out.Audience = p.OccurredAt, domain.ReasonProjectArchived, domain.AudienceMembers
		return out
	}),
	contracts.EventProjectUnarchived: on(func(p contracts.ProjectUnarchived, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, "")
		out.At, out.Reason, out.Audience = p.OccurredAt, domain.ReasonProjectUnarchived, domain.AudienceMembers
		return out
	}),
	contracts.EventProjectDeleted: on(func(p contracts.ProjectDeleted, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, p.Name)
		out.At, out.Reason, out.Audience = p.OccurredAt, domain.ReasonProjectDeleted, domain.AudienceMembers
		out.MemberIDs, out.ProjectGone = c.list("memberIds", p.MemberIDs), true
		return out
	}),
	contracts.EventProjectMemberAdded: on(func(p contracts.ProjectMemberAdded, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, p.ProjectName)
		user := c.id("userId", p.UserID)
		out.At = p.OccurredAt
		out.Members = []domain.MemberChange{{UserID: user, Role: p.Role, At: p.OccurredAt}}
		out.Direct = direct(user, domain.ReasonMemberAdded)
		return out
	}),
	contracts.EventProjectMemberRemoved: on(func(p contracts.ProjectMemberRemoved, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, "")
		user := c.id("userId", p.UserID)
		out.At = p.OccurredAt
		out.Members = []domain.MemberChange{{UserID: user, Removed: true, At: p.OccurredAt}}
		// Told only when the owner removed them: one who left knows, a
		// deleted account has nobody to tell.
		if p.Reason == contracts.MemberRemovedByOwner {
			out.Direct = []domain.Direct{{UserID: user, Reason: domain.ReasonMemberRemoved, AnyMember: true}}
		}
		return out
	}),
	contracts.EventProjectMemberRoleChanged: on(func(p contracts.ProjectMemberRoleChanged, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, "")
		user := c.id("userId", p.UserID)
		out.At, out.Detail = p.OccurredAt, p.Role
		out.Members = []domain.MemberChange{{UserID: user, Role: p.Role, At: p.OccurredAt}}
		out.Direct = direct(user, domain.ReasonRoleChanged)
		return out
	}),
	contracts.EventProjectOwnershipTransferred: on(func(p contracts.ProjectOwnershipTransferred, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, "")
		prev, next := c.id("previousOwnerId", p.PreviousOwnerID), c.id("newOwnerId", p.NewOwnerID)
		out.At, out.SubjectID = p.OccurredAt, next
		out.Members = []domain.MemberChange{
			{UserID: prev, Role: contracts.RoleParticipant, At: p.OccurredAt},
			{UserID: next, Role: contracts.RoleOwner, At: p.OccurredAt},
		}
		// The new owner hears it in their own words; the others as news.
		out.Direct = []domain.Direct{{UserID: next, Reason: domain.ReasonRoleChanged, Detail: contracts.RoleOwner}}
		out.Reason, out.Audience = domain.ReasonOwnershipMoved, domain.AudienceMembers
		return out
	}),
}

// projectEvent fills what every projects event carries.
func projectEvent(c *idChecker, actor contracts.Actor, projectID, name string) domain.Event {
	return domain.Event{ActorID: c.optional("actor.userId", actor.UserID), ProjectID: c.id("projectId", projectID), ProjectName: name}
}
