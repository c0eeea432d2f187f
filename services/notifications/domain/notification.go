package domain

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Notification is one notification as a user sees it, whatever the
// channel: the in-app inbox keeps it under its sequence number, e-mail and
// push render it.
type Notification struct {
	Seq       int64   `json:"seq"` // 0 when it is not in the inbox
	EventID   string  `json:"eventId"`
	Kind      Kind    `json:"kind"`
	Reason    Reason  `json:"reason"`
	Actor     *Person `json:"actor,omitempty"`
	Project   *Ref    `json:"project,omitempty"`
	Task      *Ref    `json:"task,omitempty"`
	CommentID string  `json:"commentId,omitempty"`
	// ReminderID is the calendar's reminder that came (it can be snoozed).
	ReminderID string    `json:"reminderId,omitempty"`
	Title      string    `json:"title"`
	Body       string    `json:"body,omitempty"`
	Path       string    `json:"path"` // where it leads in the web app
	CreatedAt  time.Time `json:"createdAt"`
}

// Person names someone in a notification.
type Person struct {
	ID          string `json:"id"`
	Username    string `json:"username,omitempty"`
	DisplayName string `json:"displayName"`
}

// Ref names a project or task in a notification.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ExcerptLen is how much of a comment a notification quotes (runes).
const ExcerptLen = 280

// Excerpt shortens text to at most n runes on a word boundary, with an
// ellipsis when it was cut, and folds its whitespace.
func Excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	cut := string([]rune(text)[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " .,;:") + "…"
}

// Names are the names a notification uses, as known when it is composed.
type Names struct {
	Actor   Profile // who made the change
	Subject Profile // whom it is about (Event.SubjectID)
	Project string
	Task    string
}

// Compose writes the notification of one recipient: its title in words,
// its body (a comment's excerpt or what changed) and where it leads.
func Compose(ev Event, r Recipient, names Names) Notification {
	n := Notification{EventID: ev.ID, Kind: r.Reason.Kind(), Reason: r.Reason, CommentID: ev.CommentID, CreatedAt: ev.At.UTC()}
	if ev.ActorID != "" {
		n.Actor = &Person{ID: ev.ActorID, Username: names.Actor.Username, DisplayName: names.Actor.Name()}
	}
	project, task := quote(names.Project, "a project"), quote(names.Task, "a task")
	if ev.ProjectID != "" {
		n.Project = &Ref{ID: ev.ProjectID, Name: names.Project}
	}
	if ev.TaskID != "" {
		n.Task = &Ref{ID: ev.TaskID, Name: names.Task}
	}
	who, detail := names.Actor.Name(), r.Detail
	where := task
	if ev.TaskID == "" {
		where = "the discussion of " + project
	}
	n.Path = path(ev, r.Reason)
	switch r.Reason {
	case ReasonAssigned:
		n.Title = fmt.Sprintf("%s assigned you to %s", who, task)
	case ReasonUnassigned:
		n.Title = fmt.Sprintf("%s took you off %s", who, task)
	case ReasonMentioned:
		n.Title, n.Body = fmt.Sprintf("%s mentioned you in %s", who, where), ev.Excerpt
	case ReasonCommented:
		n.Title, n.Body = fmt.Sprintf("%s commented on %s", who, task), ev.Excerpt
	case ReasonProjectPost:
		n.Title, n.Body = fmt.Sprintf("%s posted in %s", who, "the discussion of "+project), ev.Excerpt
	case ReasonReacted:
		n.Title = fmt.Sprintf("%s reacted %s to your comment in %s", who, detail, where)
	case ReasonTaskUpdated:
		n.Title, n.Body = fmt.Sprintf("%s updated %s", who, task), "Changed: "+detail
	case ReasonTaskStatusChanged:
		n.Title = fmt.Sprintf("%s moved %s to %s", who, task, statusName(detail))
	case ReasonTaskDeleted:
		n.Title = fmt.Sprintf("%s deleted %s", who, task)
	case ReasonInvited:
		n.Title, n.Body = fmt.Sprintf("%s invited you to %s", who, project), ev.Excerpt
	case ReasonInvitationAccepted:
		n.Title = fmt.Sprintf("%s accepted your invitation to %s", who, project)
	case ReasonInvitationRejected:
		n.Title = fmt.Sprintf("%s declined your invitation to %s", who, project)
	case ReasonInvitationCancelled:
		n.Title = fmt.Sprintf("Your invitation to %s was withdrawn", project)
	case ReasonInvitationExpired:
		n.Title = fmt.Sprintf("An invitation you sent to join %s expired unanswered", project)
	case ReasonMemberAdded:
		n.Title = fmt.Sprintf("%s added you to %s", who, project)
	case ReasonMemberRemoved:
		n.Title = fmt.Sprintf("%s removed you from %s", who, project)
	case ReasonRoleChanged:
		n.Title = fmt.Sprintf("%s made you %s of %s", who, article(detail), project)
	case ReasonProjectUpdated:
		n.Title, n.Body = fmt.Sprintf("%s updated %s", who, project), "Changed: "+detail
	case ReasonProjectArchived:
		n.Title = fmt.Sprintf("%s archived %s", who, project)
	case ReasonProjectUnarchived:
		n.Title = fmt.Sprintf("%s reopened %s", who, project)
	case ReasonProjectDeleted:
		n.Title = fmt.Sprintf("%s deleted %s", who, project)
	case ReasonPriorityChanged:
		n.Title, n.Body = fmt.Sprintf("%s is now %s priority", task, detail), ev.Excerpt
	case ReasonReminder:
		n.Title, n.Body = reminderWords(ev.Reminder)
		if ev.Reminder != nil {
			n.ReminderID = ev.Reminder.ID
		}
	case ReasonOwnershipMoved:
		n.Title = fmt.Sprintf("%s handed %s over to %s", who, project, names.Subject.Name())
	default:
		n.Title = fmt.Sprintf("%s changed %s", who, project)
	}
	return n
}

// path is where a notification leads in the web app.
func path(ev Event, reason Reason) string {
	switch {
	case reason == ReasonReminder && ev.TaskID == "":
		return "/calendar"
	case reason == ReasonReminder && ev.ProjectID != "":
		return "/projects/" + ev.ProjectID + "/tasks/" + ev.TaskID
	case reason == ReasonInvited:
		return "/invitations"
	case reason == ReasonProjectDeleted || reason == ReasonTaskDeleted || reason == ReasonMemberRemoved ||
		reason == ReasonInvitationCancelled || ev.ProjectID == "":
		return "/notifications"
	case ev.TaskID != "":
		p := "/projects/" + ev.ProjectID + "/tasks/" + ev.TaskID
		if ev.CommentID != "" {
			p += "#comment-" + ev.CommentID
		}
		return p
	case ev.CommentID != "":
		return "/projects/" + ev.ProjectID + "/discussion#comment-" + ev.CommentID
	}
	return "/projects/" + ev.ProjectID
}

func quote(name, fallback string) string {
	if name == "" {
		return fallback
	}
	return "“" + name + "”"
}

func statusName(s string) string {
	switch s {
	case "todo":
		return "To do"
	case "in_progress":
		return "In progress"
	case "done":
		return "Done"
	}
	return s
}

func article(role string) string {
	switch role {
	case "owner":
		return "the owner"
	case "":
		return "a member"
	}
	return "a " + role
}

// reminderWords: "Reminder: “Stand-up” starts Mon 2 Mar, 09:00" (in the
// zone the reminder gives), or "… is due …" for a task.
func reminderWords(r *ReminderFacts) (title, body string) {
	if r == nil {
		return "Reminder", ""
	}
	loc, err := time.LoadLocation(r.Timezone)
	if err != nil || r.Timezone == "" {
		loc = time.UTC
	}
	when := r.At.In(loc).Format("Mon 2 Jan, 15:04")
	verb := "is due"
	if r.Kind == "meeting" {
		verb = "starts"
	}
	title = fmt.Sprintf("Reminder: %s %s %s", quote(r.Title, "something"), verb, when)
	if loc != time.UTC {
		body = "Times in " + r.Timezone + "."
	}
	if r.Snoozed {
		body = strings.TrimSpace("Snoozed. " + body)
	}
	return title, body
}
