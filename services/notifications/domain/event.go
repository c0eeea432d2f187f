package domain

import "time"

// Event is what the service learns from one event of another context: who
// did what to which project, task or comment, who it addresses, and how
// it changes the views kept here (followers, members, profiles). The
// ports decode each event type into one.
type Event struct {
	ID      string // the CloudEvent id: one notification per recipient per event
	Reason  Reason // what the audience is told ("" when only the views change)
	ActorID string
	At      time.Time

	ProjectID   string
	ProjectName string // when the event carries it
	TaskID      string
	TaskTitle   string // when the event carries it
	CommentID   string
	Excerpt     string // the start of a comment
	Detail      string // a status, a role, an emoji, the fields that changed
	SubjectID   string // a user the event is about (a project's new owner)

	// Direct are the people the event is about, each with their own
	// reason: the assignee, the mentioned, the invitee, the member added.
	Direct []Direct
	// Audience is who else hears of it.
	Audience Audience
	// MemberIDs are the project's members as the event carries them (a
	// deleted project's), used when no membership view is left.
	MemberIDs []string
	// Reminder is the calendar's reminder that came (ReasonReminder).
	Reminder *ReminderFacts
	// InviteeEmail is the address of an invitation to someone without an
	// account: they can only be told by e-mail.
	InviteeEmail string

	// Changes to the views.
	Task        *TaskFacts
	Follow      []string // users who now follow TaskID
	TaskGone    bool
	ProjectGone bool
	Members     []MemberChange
	Profile     *Profile // the actor's or subject's profile, when carried
	ProfileGone string   // a deleted account's id
}

// Direct is someone an event addresses personally.
type Direct struct {
	UserID string
	Reason Reason
	Detail string // replaces the event's Detail for this recipient
	// AnyMember: told even if not (or no longer) a member of the project:
	// the removed member, the invitee, the owner of a deleted project.
	AnyMember bool
}

// Audience is who hears of an event besides its direct recipients.
type Audience int

// Audiences.
const (
	AudienceNone      Audience = iota
	AudienceFollowers          // the followers of the task
	AudienceMembers            // the members of the project
)

// ReminderFacts is a reminder as the calendar tells it came: about a
// meeting, a recurring task or a task titled Title, that starts or is
// due At (told in Timezone); Snoozed when it comes again after a snooze.
type ReminderFacts struct {
	ID       string
	Kind     string // meeting, task_series, task
	Title    string
	At       time.Time
	Timezone string
	Snoozed  bool
}

// TaskFacts is a task as an event describes it.
type TaskFacts struct {
	ProjectID string
	Title     string
	Version   int64 // 0 when the event carries no version (the title is then a hint)
}

// MemberChange is a membership as of At.
type MemberChange struct {
	UserID  string
	Role    string
	Removed bool
	At      time.Time
}

// Profile is what notifications keep of an account: how to greet and
// name them, where to write, and their clock.
type Profile struct {
	ID          string `json:"id"`
	Username    string `json:"username"`
	DisplayName string `json:"displayName"`
	Email       string `json:"email"`
	Timezone    string `json:"timezone"`
	Locale      string `json:"locale"`
	Deleted     bool   `json:"deleted,omitempty"`
}

// Name is how the person is shown in a notification.
func (p Profile) Name() string {
	switch {
	case p.Deleted:
		return "A deleted user"
	case p.DisplayName != "":
		return p.DisplayName
	case p.Username != "":
		return p.Username
	}
	return "Someone"
}

// Location is the profile's timezone, UTC when unknown.
func (p Profile) Location() *time.Location {
	if p.Timezone != "" {
		if loc, err := time.LoadLocation(p.Timezone); err == nil {
			return loc
		}
	}
	return time.UTC
}

// Empty reports an event that neither notifies anyone nor changes a view.
func (e Event) Empty() bool {
	return e.Reason == "" && len(e.Direct) == 0 && e.InviteeEmail == "" && e.Task == nil && len(e.Follow) == 0 &&
		!e.TaskGone && !e.ProjectGone && len(e.Members) == 0 && e.ProjectName == "" && e.Profile == nil && e.ProfileGone == ""
}
