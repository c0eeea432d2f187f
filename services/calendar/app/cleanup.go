package app

import "context"

// ProjectDeleted removes a deleted project's recurring tasks (and cancels
// their schedules), the reminders about its items, its meetings' link to
// it and its tasks. Applying it twice changes nothing more.
func (a *App) ProjectDeleted(ctx context.Context, projectID string) error {
	series, err := a.Store.ForgetProject(ctx, projectID)
	if err != nil {
		return err
	}
	for _, id := range series {
		// Best effort: a schedule left behind finds its series gone when
		// it comes and cancels itself (Fire).
		_ = a.Scheduler.Unschedule(ctx, id)
	}
	return nil
}

// MemberRemoved removes a former member's reminders about the project's
// items (meetings they are invited to excepted).
func (a *App) MemberRemoved(ctx context.Context, projectID, userID string) error {
	return a.Store.ForgetMember(ctx, projectID, userID)
}
