package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/calendar/domain"
)

// CreateMeeting creates a meeting organised by userID. A meeting of a
// project needs the organizer to be a member (not archived) and every
// attendee to be one too; a meeting outside projects has no attendees.
func (a *App) CreateMeeting(ctx context.Context, userID string, in domain.MeetingInput) (domain.Meeting, error) {
	m, err := domain.NewMeeting(in)
	if err != nil {
		return domain.Meeting{}, err
	}
	if m.ProjectID != "" {
		if err := a.writer(ctx, m.ProjectID, userID, ErrProjectNotFound); err != nil {
			return domain.Meeting{}, err
		}
	}
	if err := a.checkAttendees(ctx, m); err != nil {
		return domain.Meeting{}, err
	}
	now := a.Now().UTC()
	m.ID, m.OrganizerID, m.Version, m.CreatedAt, m.UpdatedAt = a.NewID(), userID, 1, now, now
	if err := a.Store.InsertMeeting(ctx, m); err != nil {
		return domain.Meeting{}, err
	}
	return m, nil
}

// Meeting returns a meeting the caller may see.
func (a *App) Meeting(ctx context.Context, userID, id string) (domain.Meeting, error) {
	m, err := a.Store.Meeting(ctx, id)
	if err != nil {
		return domain.Meeting{}, err
	}
	if err := a.canSeeMeeting(ctx, m, userID); err != nil {
		return domain.Meeting{}, err
	}
	return m, nil
}

// UpdateMeeting replaces a meeting's details (the organizer only);
// attendees who stay keep their answers.
func (a *App) UpdateMeeting(ctx context.Context, userID, id string, in domain.MeetingInput) (domain.Meeting, error) {
	old, err := a.Meeting(ctx, userID, id)
	if err != nil {
		return domain.Meeting{}, err
	}
	if old.OrganizerID != userID {
		return domain.Meeting{}, ErrNotOrganizer
	}
	m, err := domain.NewMeeting(in)
	if err != nil {
		return domain.Meeting{}, err
	}
	if m.ProjectID != "" {
		if err := a.writer(ctx, m.ProjectID, userID, ErrProjectNotFound); err != nil {
			return domain.Meeting{}, err
		}
	}
	if err := a.checkAttendees(ctx, m); err != nil {
		return domain.Meeting{}, err
	}
	for i, at := range m.Attendees {
		for _, was := range old.Attendees {
			if was.UserID == at.UserID {
				m.Attendees[i] = was
			}
		}
	}
	m.ID, m.OrganizerID, m.Version, m.CreatedAt, m.UpdatedAt = old.ID, old.OrganizerID, old.Version+1, old.CreatedAt, a.Now().UTC()
	if err := a.Store.UpdateMeeting(ctx, m, old.Version); err != nil {
		return domain.Meeting{}, err
	}
	// The reminders follow the new time (best effort: a notice that
	// comes early is scheduled again when it comes).
	_ = a.rearmAbout(ctx, domain.TargetMeeting, m.ID)
	return m, nil
}

// DeleteMeeting deletes a meeting (the organizer only).
func (a *App) DeleteMeeting(ctx context.Context, userID, id string) error {
	m, err := a.Meeting(ctx, userID, id)
	if err != nil {
		return err
	}
	if m.OrganizerID != userID {
		return ErrNotOrganizer
	}
	reminders, err := a.Store.RemindersAbout(ctx, domain.TargetMeeting, id)
	if err != nil {
		return err
	}
	if err := a.Store.DeleteMeeting(ctx, id); err != nil {
		return err
	}
	a.unscheduleAll(ctx, reminders)
	return nil
}

// Respond records an attendee's answer to a meeting they are invited to.
func (a *App) Respond(ctx context.Context, userID, id string, r domain.Response) (domain.Meeting, error) {
	m, err := a.Meeting(ctx, userID, id)
	if err != nil {
		return domain.Meeting{}, err
	}
	if err := a.Store.SetResponse(ctx, id, userID, r, a.Now().UTC()); err != nil {
		return domain.Meeting{}, ErrNotInvited
	}
	return a.Store.Meeting(ctx, m.ID)
}
