package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// Handle takes one event: it updates the views (followers, members,
// profiles), tells every recipient on the channels they chose, then
// forgets what the event removed. It is safe to call again with the same
// event (delivery is at least once): an event handled to the end is
// skipped, and one handled in part gives each recipient the notification
// already allocated for them, and sends only what was not sent.
func (a *App) Handle(ctx context.Context, ev domain.Event) error {
	if _, found, err := Lookup[struct{}](ctx, a.Docs, keyEvent(ev.ID)); err != nil {
		return err
	} else if found {
		return nil
	}
	if err := a.recordViews(ctx, ev); err != nil {
		return err
	}
	var told []string
	if ev.Reason != "" || len(ev.Direct) > 0 || ev.InviteeEmail != "" {
		var err error
		if told, err = a.tell(ctx, ev); err != nil {
			return err
		}
	}
	if err := a.forgetViews(ctx, ev); err != nil {
		return err
	}
	err := a.Docs.Put(ctx, keyEvent(ev.ID), struct{}{}, Write{Create: true, TTL: markerTTL})
	if err != nil && !errors.Is(err, ErrConflict) {
		return err
	}
	a.done.add(ev.ID, told)
	return nil
}

// tell notifies the event's recipients and returns their ids.
func (a *App) tell(ctx context.Context, ev domain.Event) ([]string, error) {
	aud, projectName, taskTitle, err := a.audiences(ctx, ev)
	if err != nil {
		return nil, err
	}
	names := domain.Names{Project: projectName, Task: taskTitle}
	if ev.ActorID != "" {
		if names.Actor, err = a.profile(ctx, ev.ActorID); err != nil {
			return nil, err
		}
	}
	if ev.SubjectID != "" {
		if names.Subject, err = a.profile(ctx, ev.SubjectID); err != nil {
			return nil, err
		}
	}
	recipients := domain.Recipients(ev, aud)
	ids := make([]string, 0, len(recipients))
	for _, r := range recipients {
		n := domain.Compose(ev, r, names)
		if err := a.notify(ctx, ev, r.UserID, n); err != nil {
			return nil, fmt.Errorf("notify %s of %s: %w", r.UserID, ev.ID, err)
		}
		ids = append(ids, r.UserID)
	}
	if ev.InviteeEmail != "" {
		n := domain.Compose(ev, domain.Recipient{Reason: domain.ReasonInvited}, names)
		if err := a.mailInvitee(ctx, ev, n); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// audiences reads who follows the task and who belongs to the project,
// and the names to use.
func (a *App) audiences(ctx context.Context, ev domain.Event) (domain.Audiences, string, string, error) {
	var aud domain.Audiences
	projectName, taskTitle := ev.ProjectName, ev.TaskTitle
	if ev.ProjectID != "" {
		view, found, err := a.Projects.Project(ctx, ev.ProjectID)
		if err != nil {
			return aud, "", "", err
		}
		// A project whose members this service never saw (it predates
		// the service, or only its name arrived yet) is not filtered.
		if found && len(view.Members) > 0 {
			aud.Members = map[string]bool{}
			for _, id := range view.MemberIDs() {
				aud.Members[id] = true
			}
		}
		if found && view.Name != "" {
			projectName = view.Name
		}
	}
	if ev.TaskID != "" {
		task, found, err := Lookup[domain.TaskView](ctx, a.Docs, keyTask(ev.TaskID))
		if err != nil {
			return aud, "", "", err
		}
		if found {
			aud.Followers = task.Followers
			if task.Title != "" {
				taskTitle = task.Title
			}
		}
	}
	return aud, projectName, taskTitle, nil
}

// recordViews applies what the event adds to the views.
func (a *App) recordViews(ctx context.Context, ev domain.Event) error {
	if ev.Profile != nil {
		moved := false
		_, err := Update(ctx, a.Docs, keyProfile(ev.Profile.ID), Write{}, func(p *domain.Profile, exists bool) (bool, error) {
			email := p.Email // user.updated does not carry it; it never changes
			moved = exists && p.Timezone != ev.Profile.Timezone
			*p = *ev.Profile
			if p.Email == "" {
				p.Email = email
			}
			return true, nil
		})
		if err != nil {
			return err
		}
		if moved {
			a.rescheduleDigest(ctx, ev.Profile.ID)
		}
	}
	if ev.ProjectID != "" && (ev.ProjectName != "" || len(ev.Members) > 0) && !ev.ProjectGone {
		if err := a.Projects.Record(ctx, ev.ProjectID, ev.ProjectName, ev.At, ev.Members); err != nil {
			return err
		}
	}
	if ev.TaskID == "" || ev.TaskGone || (ev.Task == nil && len(ev.Follow) == 0) {
		return nil
	}
	_, err := Update(ctx, a.Docs, keyTask(ev.TaskID), Write{}, func(t *domain.TaskView, _ bool) (bool, error) {
		changed := false
		if ev.Task != nil {
			changed = t.Merge(*ev.Task)
		}
		if t.ProjectID == "" && ev.ProjectID != "" {
			t.ProjectID, changed = ev.ProjectID, true
		}
		for _, id := range ev.Follow {
			changed = t.Follow(id) || changed
		}
		return changed, nil
	})
	return err
}

// forgetViews applies what the event removes, once its recipients (who
// may be the task's followers or the project's members) were told.
func (a *App) forgetViews(ctx context.Context, ev domain.Event) error {
	if ev.TaskGone && ev.TaskID != "" {
		if err := a.Docs.Delete(ctx, keyTask(ev.TaskID)); err != nil {
			return err
		}
	}
	if ev.ProjectGone && ev.ProjectID != "" {
		if err := a.Projects.Forget(ctx, ev.ProjectID); err != nil {
			return err
		}
	}
	if ev.ProfileGone != "" {
		return a.forgetUser(ctx, ev.ProfileGone)
	}
	return nil
}
