package app

import (
	"context"
	"slices"

	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

// Rules returns a project's rules in the order they apply (any member).
func (a *App) Rules(ctx context.Context, actor, projectID string) ([]domain.Rule, error) {
	m, err := a.member(ctx, projectID, actor)
	if err != nil {
		return nil, err
	}
	return a.Store.Rules(ctx, m.ProjectID)
}

// CreateRule adds a rule after the project's others (the owner only) and
// recomputes the project's tasks.
func (a *App) CreateRule(ctx context.Context, actor, projectID string, in domain.RuleInput) (domain.Rule, error) {
	cond, eff, err := in.Normalize()
	if err != nil {
		return domain.Rule{}, err
	}
	m, err := a.owner(ctx, projectID, actor)
	if err != nil {
		return domain.Rule{}, err
	}
	if err := a.ensureLoaded(ctx, m.ProjectID); err != nil {
		return domain.Rule{}, err
	}
	id, err := a.NewID()
	if err != nil {
		return domain.Rule{}, err
	}
	now := a.now()
	r := domain.Rule{ID: id, ProjectID: m.ProjectID, Condition: cond, Effect: eff, Version: 1,
		CreatedBy: actor, CreatedAt: now, UpdatedAt: now}
	err = a.changeRules(ctx, m.ProjectID, actor, func(tx Tx, rules []domain.Rule) error {
		if len(rules) >= domain.MaxRules {
			return domain.ErrTooManyRules
		}
		r.Position = len(rules)
		if n := len(rules); n > 0 {
			r.Position = rules[n-1].Position + 1
		}
		return tx.InsertRule(ctx, r)
	})
	return r, err
}

// UpdateRule replaces a rule's condition and effect (the owner only);
// version, when not 0, must be the rule's current one.
func (a *App) UpdateRule(ctx context.Context, actor, projectID, ruleID string, version int64, in domain.RuleInput) (domain.Rule, error) {
	cond, eff, err := in.Normalize()
	if err != nil {
		return domain.Rule{}, err
	}
	m, err := a.owner(ctx, projectID, actor)
	if err != nil {
		return domain.Rule{}, err
	}
	if err := a.ensureLoaded(ctx, m.ProjectID); err != nil {
		return domain.Rule{}, err
	}
	var out domain.Rule
	err = a.changeRules(ctx, m.ProjectID, actor, func(tx Tx, rules []domain.Rule) error {
		i := slices.IndexFunc(rules, func(r domain.Rule) bool { return r.ID == ruleID })
		if i < 0 {
			return domain.ErrRuleNotFound
		}
		r := rules[i]
		if version != 0 && version != r.Version {
			return domain.ErrVersionMismatch.WithDetails(map[string]any{"currentVersion": r.Version})
		}
		r.Condition, r.Effect, r.Version, r.UpdatedAt = cond, eff, r.Version+1, a.now()
		out = r
		return tx.UpdateRule(ctx, r)
	})
	return out, err
}

// DeleteRule removes a rule (the owner only).
func (a *App) DeleteRule(ctx context.Context, actor, projectID, ruleID string) error {
	m, err := a.owner(ctx, projectID, actor)
	if err != nil {
		return err
	}
	if err := a.ensureLoaded(ctx, m.ProjectID); err != nil {
		return err
	}
	return a.changeRules(ctx, m.ProjectID, actor, func(tx Tx, rules []domain.Rule) error {
		if !slices.ContainsFunc(rules, func(r domain.Rule) bool { return r.ID == ruleID }) {
			return domain.ErrRuleNotFound
		}
		return tx.DeleteRule(ctx, ruleID)
	})
}

// ReorderRules sets the order the rules apply in: ids lists every rule of
// the project once (the owner only).
func (a *App) ReorderRules(ctx context.Context, actor, projectID string, ids []string) ([]domain.Rule, error) {
	m, err := a.owner(ctx, projectID, actor)
	if err != nil {
		return nil, err
	}
	if err := a.ensureLoaded(ctx, m.ProjectID); err != nil {
		return nil, err
	}
	err = a.changeRules(ctx, m.ProjectID, actor, func(tx Tx, rules []domain.Rule) error {
		if len(ids) != len(rules) {
			return domain.ErrInvalidOrder
		}
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] || !slices.ContainsFunc(rules, func(r domain.Rule) bool { return r.ID == id }) {
				return domain.ErrInvalidOrder
			}
			seen[id] = true
		}
		return tx.SetRulePositions(ctx, ids)
	})
	if err != nil {
		return nil, err
	}
	return a.Store.Rules(ctx, m.ProjectID)
}

// changeRules runs change on the project's rules with the project locked,
// then recomputes its tasks in the same transaction, and invalidates the
// next-up answers it may have changed once it committed.
func (a *App) changeRules(ctx context.Context, projectID, actor string, change func(tx Tx, rules []domain.Rule) error) error {
	var users []string
	err := a.Store.InTx(ctx, func(tx Tx) error {
		if err := tx.LockProject(ctx, projectID); err != nil {
			return err
		}
		rules, err := tx.Rules(ctx, projectID)
		if err != nil {
			return err
		}
		if err := change(tx, rules); err != nil {
			return err
		}
		users, err = a.recompute(ctx, tx, projectID, actor, a.now())
		return err
	})
	if err != nil {
		return err
	}
	return a.invalidate(ctx, projectID, users)
}

// PreviewChange is one task a rule would change.
type PreviewChange struct {
	Task domain.Task
	From domain.Effective
	To   domain.Effective
}

// Preview returns the open tasks whose effective priority would change
// if the rule were saved: as a new rule after the others, or in place of
// ruleID when it is set (the owner only). Nothing is written.
func (a *App) Preview(ctx context.Context, actor, projectID, ruleID string, in domain.RuleInput) ([]PreviewChange, error) {
	cond, eff, err := in.Normalize()
	if err != nil {
		return nil, err
	}
	m, err := a.owner(ctx, projectID, actor)
	if err != nil {
		return nil, err
	}
	if err := a.ensureLoaded(ctx, m.ProjectID); err != nil {
		return nil, err
	}
	rules, err := a.Store.Rules(ctx, m.ProjectID)
	if err != nil {
		return nil, err
	}
	candidate := domain.Rule{ID: ruleID, ProjectID: m.ProjectID, Condition: cond, Effect: eff}
	next := slices.Clone(rules)
	if ruleID == "" {
		next = append(next, candidate)
	} else if i := slices.IndexFunc(next, func(r domain.Rule) bool { return r.ID == ruleID }); i >= 0 {
		next[i] = candidate
	} else {
		return nil, domain.ErrRuleNotFound
	}
	ts, err := a.Store.OpenTasks(ctx, m.ProjectID)
	if err != nil {
		return nil, err
	}
	now := a.now()
	out := []PreviewChange{}
	for _, p := range ts {
		from, to := domain.Evaluate(p.Task, rules, now), domain.Evaluate(p.Task, next, now)
		if from.Level != to.Level {
			out = append(out, PreviewChange{Task: p.Task, From: from, To: to})
		}
	}
	slices.SortFunc(out, func(x, y PreviewChange) int {
		return domain.Compare(domain.Ranked{Task: x.Task, Effective: x.To}, domain.Ranked{Task: y.Task, Effective: y.To})
	})
	return out, nil
}
