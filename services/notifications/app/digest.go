package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// DigestJob is the name of the job that sends a user's digest.
func DigestJob(userID string) string { return digestJobPrefix + userID }

// DigestJobUser returns the user whose digest a job sends.
func DigestJobUser(job string) (string, bool) { return strings.CutPrefix(job, digestJobPrefix) }

const digestJobPrefix = "digest-"

// digest is a user's e-mail waiting for their daily digest.
type digest struct {
	Items []domain.Notification `json:"items"`
	DueAt time.Time             `json:"dueAt"` // when the digest job is scheduled
}

// MaxDigestItems bounds one digest; beyond it the oldest are left out
// (they are in the inbox).
const MaxDigestItems = 100

// queueDigest adds n to the user's next digest (once per event) and makes
// sure the digest job is scheduled at their chosen time in their
// timezone.
func (a *App) queueDigest(ctx context.Context, to domain.Profile, prefs domain.Preferences, n domain.Notification) error {
	now := a.now()
	d, err := Update(ctx, a.Docs, keyDigest(to.ID), Write{}, func(d *digest, _ bool) (bool, error) {
		if slices.ContainsFunc(d.Items, func(it domain.Notification) bool { return it.EventID == n.EventID }) {
			return false, nil
		}
		d.Items = append(d.Items, n)
		if len(d.Items) > MaxDigestItems {
			d.Items = slices.Delete(d.Items, 0, len(d.Items)-MaxDigestItems)
		}
		if !d.DueAt.After(now) {
			d.DueAt = domain.NextDigest(now, to.Location(), prefs.DigestTime)
		}
		return true, nil
	})
	if err != nil {
		return err
	}
	// Scheduling again is harmless (the job is replaced) and repairs a
	// schedule lost between the write above and a failed call.
	return a.Scheduler.ScheduleDigest(ctx, to.ID, d.DueAt)
}

// rescheduleDigest moves a waiting digest to the user's current choice of
// time and timezone. Best effort: the digest still goes out at the old
// time if this fails.
func (a *App) rescheduleDigest(ctx context.Context, userID string) {
	d, found, err := Lookup[digest](ctx, a.Docs, keyDigest(userID))
	if err != nil || !found || len(d.Items) == 0 {
		return
	}
	if err := a.scheduleNext(ctx, userID); err != nil {
		a.Log.WarnContext(ctx, "digest not rescheduled", "user_id", userID, "error", err)
	}
}

// scheduleNext sets the digest's next time from the user's preferences
// and profile and schedules the job.
func (a *App) scheduleNext(ctx context.Context, userID string) error {
	prefs, err := a.preferences(ctx, userID)
	if err != nil {
		return err
	}
	prof, err := a.profile(ctx, userID)
	if err != nil {
		return err
	}
	due := domain.NextDigest(a.now(), prof.Location(), prefs.DigestTime)
	d, err := Update(ctx, a.Docs, keyDigest(userID), Write{}, func(d *digest, exists bool) (bool, error) {
		if !exists || len(d.Items) == 0 || d.DueAt.Equal(due) {
			return false, nil
		}
		d.DueAt = due
		return true, nil
	})
	if err != nil || len(d.Items) == 0 {
		return err
	}
	return a.Scheduler.ScheduleDigest(ctx, userID, d.DueAt)
}

// SendDigest sends the user's digest (the digest job's callback): one
// e-mail with everything that waited, then those items are dropped. A
// crash in between sends the digest again: at least once.
func (a *App) SendDigest(ctx context.Context, userID string) error {
	d, found, err := Lookup[digest](ctx, a.Docs, keyDigest(userID))
	if err != nil || !found || len(d.Items) == 0 {
		return err
	}
	if d.DueAt.After(a.now().Add(time.Minute)) {
		// Rescheduled since this job was set: the newer job sends it.
		return a.Scheduler.ScheduleDigest(ctx, userID, d.DueAt)
	}
	to, err := a.profile(ctx, userID)
	if err != nil {
		return err
	}
	if !to.Deleted && to.Email != "" {
		prefs, err := a.preferences(ctx, userID)
		if err != nil {
			return err
		}
		links, err := a.links(ctx, userID, prefs, "", "")
		if err != nil {
			return err
		}
		m, err := a.Renderer.Digest(to, d.Items, links)
		if err != nil {
			return err
		}
		if err := a.Mailer.Send(ctx, m); err != nil {
			return err
		}
	}
	sent := map[string]bool{}
	for _, it := range d.Items {
		sent[it.EventID] = true
	}
	left, err := Update(ctx, a.Docs, keyDigest(userID), Write{}, func(d *digest, _ bool) (bool, error) {
		d.Items = slices.DeleteFunc(d.Items, func(it domain.Notification) bool { return sent[it.EventID] })
		d.DueAt = time.Time{}
		return true, nil
	})
	if err != nil || len(left.Items) == 0 {
		return err
	}
	return a.scheduleNext(ctx, userID)
}
