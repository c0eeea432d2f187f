package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// settle evaluates p under rules at now and updates what is announced
// about it. It returns the event that announces a change, if any: a
// change of effective priority or of the rule behind it. A change of the
// explicit priority that no rule touches, before or after, is not
// announced here (task.updated tells it).
func settle(p *Projected, rules []domain.Rule, actor string, now time.Time) (*events.Event, error) {
	p.NextEvalAt = nil
	if at, ok := domain.NextChange(p.Task, rules, now); ok && !p.Deleted {
		p.NextEvalAt = &at
	}
	eff := domain.Evaluate(p.Task, rules, now)
	before := p.Announced
	if eff == before {
		return nil, nil
	}
	p.Announced = eff
	if eff.RuleID == "" && before.RuleID == "" {
		return nil, nil
	}
	p.Sequence++
	payload := contracts.PriorityEffectiveChanged{
		Actor: contracts.Actor{UserID: actor}, ProjectID: p.ProjectID, TaskID: p.ID, Title: p.Title,
		Explicit: p.Explicit.String(), Effective: eff.Level.String(), Previous: before.Level.String(),
		Reason: nullable(eff.Reason), RuleID: nullable(eff.RuleID),
		AssigneeIDs: slices.Clone(p.AssigneeIDs), Sequence: p.Sequence, OccurredAt: now,
	}
	if payload.AssigneeIDs == nil {
		payload.AssigneeIDs = []string{}
	}
	ev, err := events.New(EventSource, contracts.EventPriorityEffectiveChanged, p.ID, payload)
	if err != nil {
		return nil, err
	}
	ev.DataSchema = contracts.SchemaURL(contracts.EventPriorityEffectiveChanged)
	return &ev, nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// recompute settles every open task of a project under its rules inside
// tx (the project locked), saving and announcing what changed. It returns
// the users assigned to the project's open tasks, whose next up may have
// changed.
func (a *App) recompute(ctx context.Context, tx Tx, projectID, actor string, now time.Time) ([]string, error) {
	rules, err := tx.Rules(ctx, projectID)
	if err != nil {
		return nil, err
	}
	ts, err := tx.OpenTasks(ctx, projectID)
	if err != nil {
		return nil, err
	}
	if actor == "" && len(rules) > 0 {
		// A change nobody made (a load, time passing) is the owner's.
		if actor, err = a.Projects.Owner(ctx, projectID); err != nil {
			return nil, err
		}
	}
	var users []string
	var evs []events.Event
	for i := range ts {
		p := &ts[i]
		users = append(users, p.AssigneeIDs...)
		beforeEff, beforeNext := p.Announced, p.NextEvalAt
		ev, err := settle(p, rules, actor, now)
		if err != nil {
			return nil, err
		}
		if ev != nil {
			evs = append(evs, *ev)
		}
		if p.Announced != beforeEff || !sameTime(p.NextEvalAt, beforeNext) {
			if err := tx.SaveEffective(ctx, *p); err != nil {
				return nil, err
			}
			a.wake(p.NextEvalAt)
		}
	}
	if err := tx.Append(ctx, evs...); err != nil {
		return nil, err
	}
	return users, nil
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func (a *App) wake(at *time.Time) {
	if at != nil && a.Wake != nil {
		a.Wake(*at)
	}
}

// ensureLoaded makes the projection hold a project's open tasks: the
// first time a project is needed, they are loaded from the tasks service;
// from then on the tasks topic's events keep them current. Events that
// arrive while loading win over the loaded state (task versions, and
// tombstones for deleted tasks).
func (a *App) ensureLoaded(ctx context.Context, projectID string) error {
	if _, ok := a.loaded.Load(projectID); ok {
		return nil
	}
	ok, err := a.Store.Loaded(ctx, projectID)
	if err != nil {
		return err
	}
	if ok {
		a.loaded.Store(projectID, true)
		return nil
	}
	ts, err := a.Tasks.OpenTasks(ctx, projectID)
	if err != nil {
		return err
	}
	now := a.now()
	err = a.Store.InTx(ctx, func(tx Tx) error {
		if err := tx.LockProject(ctx, projectID); err != nil {
			return err
		}
		if ok, err := tx.Loaded(ctx, projectID); err != nil || ok {
			return err
		}
		for i := range ts {
			if ts[i].ProjectID != projectID {
				return fmt.Errorf("tasks service listed task %s of project %s for %s", ts[i].ID, ts[i].ProjectID, projectID)
			}
		}
		if err := tx.LoadTasks(ctx, ts); err != nil {
			return err
		}
		if _, err := a.recompute(ctx, tx, projectID, "", now); err != nil {
			return err
		}
		return tx.MarkLoaded(ctx, projectID, now)
	})
	if err == nil {
		a.loaded.Store(projectID, true)
	}
	return err
}
