package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// Consumer names of the projects topic's events (the inbox keys
// processed event ids per consumer).
const (
	ConsumerProjectDeleted = "tasks.project_deleted"
	ConsumerMemberRemoved  = "tasks.member_removed"
)

// ProjectDeleted deletes everything the project had here: tasks (with
// their assignees and tags), categories and tags. Nothing is published:
// project.deleted already tells every consumer. Applied at most once per
// event id.
func (a *App) ProjectDeleted(ctx context.Context, eventID, projectID string) error {
	return a.Store.Consume(ctx, ConsumerProjectDeleted, eventID, func(tx Tx) error {
		return tx.DeleteProject(ctx, projectID)
	})
}

// MemberRemoved removes a user who left a project (or was removed) from
// every task of it they were assigned to, publishing task.unassigned per
// task with the project event's actor. Applied at most once per event id.
func (a *App) MemberRemoved(ctx context.Context, eventID, actorID, projectID, userID string) error {
	now := a.now()
	return a.Store.Consume(ctx, ConsumerMemberRemoved, eventID, func(tx Tx) error {
		tasks, err := tx.UnassignUser(ctx, projectID, userID, now)
		if err != nil {
			return err
		}
		evs := make([]events.Event, 0, len(tasks))
		for _, t := range tasks {
			ev, err := newEvent(contracts.EventTaskUnassigned, t.ID,
				unassigned(contracts.Actor{UserID: actorID}, t, userID, contracts.UnassignedMemberRemoved, now))
			if err != nil {
				return err
			}
			evs = append(evs, ev)
		}
		return tx.Append(ctx, evs...)
	})
}
