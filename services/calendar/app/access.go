package app

import (
	"context"
	"errors"
	"slices"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

var (
	// ErrNotMember is the membership view's "not a member, or no such
	// project"; callers answer it as the object's not-found.
	ErrNotMember = errors.New("not a member of the project")
	// ErrProjectNotFound answers a project the caller may not see.
	ErrProjectNotFound = apperr.NotFound("project_not_found", "no such project")
	// ErrProjectArchived refuses a change in an archived project.
	ErrProjectArchived = apperr.Forbidden("project_archived", "the project is archived and read-only")
	// ErrNotOrganizer refuses a change to a meeting by someone else than
	// its organizer.
	ErrNotOrganizer = apperr.Forbidden("not_organizer", "only the organizer changes or deletes a meeting")
	// ErrAttendeeNotMember refuses an attendee outside the meeting's
	// project (or any attendee of a meeting outside projects).
	ErrAttendeeNotMember = apperr.Invalid("attendee_not_member", "attendees must be members of the meeting's project")
)

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// member answers whether userID is a member of projectID, asking the
// projects service before a refusal; notFound is the error to answer a
// stranger with.
func (a *App) member(ctx context.Context, projectID, userID string, notFound error) (Member, error) {
	m, err := a.Projects.Membership(ctx, projectID, userID)
	if errors.Is(err, ErrNotMember) {
		m, err = a.Projects.Confirm(ctx, projectID, userID)
	}
	if errors.Is(err, ErrNotMember) {
		return Member{}, notFound
	}
	return m, err
}

// writer is member, refusing an archived project.
func (a *App) writer(ctx context.Context, projectID, userID string, notFound error) error {
	m, err := a.member(ctx, projectID, userID, notFound)
	if err != nil {
		return err
	}
	if m.Archived {
		if m, err = a.Projects.Confirm(ctx, projectID, userID); err != nil {
			if errors.Is(err, ErrNotMember) {
				return notFound
			}
			return err
		}
		if m.Archived {
			return ErrProjectArchived
		}
	}
	return nil
}

// canSeeMeeting: the organizer, an attendee, or a member of its project.
func (a *App) canSeeMeeting(ctx context.Context, m domain.Meeting, userID string) error {
	if m.Invites(userID) {
		return nil
	}
	if m.ProjectID == "" {
		return domain.ErrMeetingNotFound
	}
	_, err := a.member(ctx, m.ProjectID, userID, domain.ErrMeetingNotFound)
	return err
}

// checkAttendees: every attendee is a member of the meeting's project.
func (a *App) checkAttendees(ctx context.Context, m domain.Meeting) error {
	if len(m.Attendees) == 0 {
		return nil
	}
	if m.ProjectID == "" {
		return ErrAttendeeNotMember
	}
	members, err := a.Projects.Members(ctx, m.ProjectID)
	if err != nil {
		return err
	}
	for _, at := range m.Attendees {
		if !slices.Contains(members, at.UserID) {
			if _, err := a.member(ctx, m.ProjectID, at.UserID, ErrAttendeeNotMember); err != nil {
				return err
			}
		}
	}
	return nil
}
