package ports

import (
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

var invitationDecoders = map[string]decoder{
	contracts.EventInvitationSent: on(func(p contracts.InvitationSent, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, p.ProjectName)
		out.At, out.Excerpt = p.OccurredAt, domain.Excerpt(p.Message, domain.ExcerptLen)
		if invitee := c.optional("invitee.userId", p.Invitee.UserID); invitee != "" {
			out.Direct = []domain.Direct{{UserID: invitee, Reason: domain.ReasonInvited, AnyMember: true}}
		} else {
			out.InviteeEmail = p.Invitee.Email
		}
		return out
	}),
	contracts.EventInvitationAccepted: on(func(p contracts.InvitationAccepted, c *idChecker) domain.Event {
		return answered(c, p.Actor, p.ProjectID, p.ProjectName, p.InvitedBy, domain.ReasonInvitationAccepted, p.OccurredAt)
	}),
	contracts.EventInvitationRejected: on(func(p contracts.InvitationRejected, c *idChecker) domain.Event {
		return answered(c, p.Actor, p.ProjectID, p.ProjectName, p.InvitedBy, domain.ReasonInvitationRejected, p.OccurredAt)
	}),
	contracts.EventInvitationCancelled: on(func(p contracts.InvitationCancelled, c *idChecker) domain.Event {
		out := projectEvent(c, p.Actor, p.ProjectID, p.ProjectName)
		out.At = p.OccurredAt
		invitee := c.optional("invitee.userId", p.Invitee.UserID)
		// A duplicate was replaced by another invitation: nothing to tell.
		if p.Reason != contracts.CancelledDuplicate {
			out.Direct = []domain.Direct{{UserID: invitee, Reason: domain.ReasonInvitationCancelled, AnyMember: true}}
		}
		return out
	}),
	contracts.EventInvitationExpired: on(func(p contracts.InvitationExpired, c *idChecker) domain.Event {
		// Nobody acted (the actor is the sender, who is the one to tell).
		return answered(c, contracts.Actor{}, p.ProjectID, p.ProjectName, p.InvitedBy, domain.ReasonInvitationExpired, p.OccurredAt)
	}),
}

// answered is an invitation event that concerns whoever sent it.
func answered(c *idChecker, actor contracts.Actor, projectID, projectName, invitedBy string, reason domain.Reason, at time.Time) domain.Event {
	out := projectEvent(c, actor, projectID, projectName)
	out.At = at
	out.Direct = []domain.Direct{{UserID: c.id("invitedBy", invitedBy), Reason: reason, AnyMember: true}}
	return out
}

var commentDecoders = map[string]decoder{
	contracts.EventCommentCreated: on(func(p contracts.CommentCreated, c *idChecker) domain.Event {
		out := commentEvent(c, p.Actor, p.ProjectID, p.TaskID, p.CommentID, p.Comment.Body)
		out.At = p.OccurredAt
		author := c.id("comment.authorId", p.Comment.AuthorID)
		mentioned(c, &out, p.Comment.MentionedUserIDs)
		if out.TaskID != "" {
			out.Reason, out.Audience = domain.ReasonCommented, domain.AudienceFollowers
			out.Follow = []string{author} // a commenter follows the task
		} else {
			out.Reason, out.Audience = domain.ReasonProjectPost, domain.AudienceMembers
		}
		return out
	}),
	contracts.EventCommentUpdated: on(func(p contracts.CommentUpdated, c *idChecker) domain.Event {
		out := commentEvent(c, p.Actor, p.ProjectID, p.TaskID, p.CommentID, p.Comment.Body)
		out.At = p.OccurredAt
		mentioned(c, &out, p.NewMentionedUserIDs) // only those this edit mentions anew
		return out
	}),
	contracts.EventCommentReactionAdded: on(func(p contracts.CommentReaction, c *idChecker) domain.Event {
		out := commentEvent(c, p.Actor, p.ProjectID, p.TaskID, p.CommentID, "")
		out.At, out.Detail = p.OccurredAt, p.Emoji
		out.Direct = direct(c.id("authorId", p.AuthorID), domain.ReasonReacted)
		return out
	}),
}

func commentEvent(c *idChecker, actor contracts.Actor, projectID string, taskID *string, commentID, body string) domain.Event {
	out := projectEvent(c, actor, projectID, "")
	out.TaskID, out.CommentID = c.ptr("taskId", taskID), c.id("commentId", commentID)
	out.Excerpt = domain.Excerpt(body, domain.ExcerptLen)
	return out
}

func mentioned(c *idChecker, out *domain.Event, ids []string) {
	for _, id := range c.list("mentionedUserIds", ids) {
		out.Direct = append(out.Direct, domain.Direct{UserID: id, Reason: domain.ReasonMentioned})
	}
}

var userDecoders = map[string]decoder{
	contracts.EventUserRegistered: on(func(p contracts.UserRegistered, c *idChecker) domain.Event {
		id := c.id("userId", p.UserID)
		return domain.Event{At: p.OccurredAt, Profile: &domain.Profile{ID: id, Username: p.Username, DisplayName: p.DisplayName,
			Email: p.Email, Timezone: p.Timezone, Locale: p.Locale}}
	}),
	contracts.EventUserUpdated: on(func(p contracts.UserUpdated, c *idChecker) domain.Event {
		id := c.id("userId", p.UserID)
		return domain.Event{At: p.OccurredAt, Profile: &domain.Profile{ID: id, Username: p.Username, DisplayName: p.DisplayName,
			Timezone: p.Timezone, Locale: p.Locale}}
	}),
	contracts.EventUserDeleted: on(func(p contracts.UserDeleted, c *idChecker) domain.Event {
		return domain.Event{At: p.OccurredAt, ProfileGone: c.id("userId", p.UserID)}
	}),
}
