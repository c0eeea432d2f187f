// Package domain holds the rules of the notifications service: which
// kinds of notification exist and who gets them, the preferences that
// route them to channels, the inbox (sequence numbers, unread state),
// followers of tasks and the daily digest's schedule. No I/O.
package domain

// Kind groups notifications for preferences: a user chooses per kind
// which channels carry it.
type Kind string

// Kinds of notification.
const (
	KindAssignment Kind = "assignment"  // you were assigned to a task or taken off it
	KindMention    Kind = "mention"     // someone mentioned you in a comment
	KindComment    Kind = "comment"     // a comment on a task you follow
	KindTaskUpdate Kind = "task_update" // a task you follow changed status, details, or was deleted
	KindReaction   Kind = "reaction"    // someone reacted to your comment
	KindInvitation Kind = "invitation"  // an invitation to you, or an answer to yours
	KindMembership Kind = "membership"  // you were added to or removed from a project, or your role changed
	KindProject    Kind = "project"     // a project you belong to changed, or has a new discussion post
	KindPriority   Kind = "priority"    // a priority rule changed the priority of a task assigned to you
	KindReminder   Kind = "reminder"    // a reminder you set in the calendar came
)

// Kinds lists every kind, in the order a preferences screen shows them.
var Kinds = []Kind{KindAssignment, KindMention, KindComment, KindTaskUpdate, KindReaction, KindInvitation, KindMembership, KindProject, KindPriority, KindReminder}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// Mutable reports whether muting a project silences this kind. Muting
// quiets the activity of a project; what is addressed to you personally
// (a mention, an assignment, an invitation, your membership) still
// reaches you, as in chat applications.
func (k Kind) Mutable() bool {
	switch k {
	case KindComment, KindTaskUpdate, KindReaction, KindProject, KindPriority:
		return true
	}
	return false
}

// Channel is a way a notification reaches a user.
type Channel string

// Channels.
const (
	ChannelInApp Channel = "in_app"
	ChannelEmail Channel = "email"
	ChannelPush  Channel = "push"
)

// Reason is what happened, finer than the kind; it picks the wording.
type Reason string

// Reasons, each of one kind.
const (
	ReasonAssigned            Reason = "task.assigned"
	ReasonUnassigned          Reason = "task.unassigned"
	ReasonMentioned           Reason = "comment.mentioned"
	ReasonCommented           Reason = "comment.created"
	ReasonReacted             Reason = "comment.reaction_added"
	ReasonTaskUpdated         Reason = "task.updated"
	ReasonTaskStatusChanged   Reason = "task.status_changed"
	ReasonTaskDeleted         Reason = "task.deleted"
	ReasonInvited             Reason = "invitation.sent"
	ReasonInvitationAccepted  Reason = "invitation.accepted"
	ReasonInvitationRejected  Reason = "invitation.rejected"
	ReasonInvitationCancelled Reason = "invitation.cancelled"
	ReasonInvitationExpired   Reason = "invitation.expired"
	ReasonMemberAdded         Reason = "project.member_added"
	ReasonMemberRemoved       Reason = "project.member_removed"
	ReasonRoleChanged         Reason = "project.member_role_changed"
	ReasonProjectPost         Reason = "project.comment"
	ReasonProjectUpdated      Reason = "project.updated"
	ReasonProjectArchived     Reason = "project.archived"
	ReasonProjectUnarchived   Reason = "project.unarchived"
	ReasonProjectDeleted      Reason = "project.deleted"
	ReasonOwnershipMoved      Reason = "project.ownership_transferred"
	ReasonPriorityChanged     Reason = "priority.effective_changed"
	ReasonReminder            Reason = "reminder.due"
)

var kindOf = map[Reason]Kind{
	ReasonAssigned: KindAssignment, ReasonUnassigned: KindAssignment,
	ReasonMentioned: KindMention, ReasonCommented: KindComment, ReasonReacted: KindReaction,
	ReasonTaskUpdated: KindTaskUpdate, ReasonTaskStatusChanged: KindTaskUpdate, ReasonTaskDeleted: KindTaskUpdate,
	ReasonInvited: KindInvitation, ReasonInvitationAccepted: KindInvitation, ReasonInvitationRejected: KindInvitation,
	ReasonInvitationCancelled: KindInvitation, ReasonInvitationExpired: KindInvitation,
	ReasonMemberAdded: KindMembership, ReasonMemberRemoved: KindMembership, ReasonRoleChanged: KindMembership,
	ReasonProjectPost: KindProject, ReasonProjectUpdated: KindProject, ReasonProjectArchived: KindProject,
	ReasonProjectUnarchived: KindProject, ReasonProjectDeleted: KindProject, ReasonOwnershipMoved: KindProject,
	ReasonPriorityChanged: KindPriority,
	ReasonReminder:        KindReminder,
}

// Kind is the preference group of the reason ("" for an unknown reason).
func (r Reason) Kind() Kind { return kindOf[r] }
