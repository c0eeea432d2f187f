package domain

import (
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// ConditionKind names what a rule looks at.
type ConditionKind string

// Conditions. The time-based ones (due within, overdue, idle for) start to
// hold at a moment NextChange computes.
const (
	DueWithin  ConditionKind = "due_within"  // due in the next Hours hours, or overdue
	Overdue    ConditionKind = "overdue"     // the due time has passed
	NoDueDate  ConditionKind = "no_due_date" // no due time set
	TagIs      ConditionKind = "tag_is"      // Value is one of the task's tags
	CategoryIs ConditionKind = "category_is" // Value is the task's category
	StatusIs   ConditionKind = "status_is"   // Value is the task's status
	AssigneeIs ConditionKind = "assignee_is" // Value is one of the task's assignees
	Unassigned ConditionKind = "unassigned"  // nobody is assigned
	IdleFor    ConditionKind = "idle_for"    // unchanged for Days days
)

// EffectKind names what a rule does to the level.
type EffectKind string

// Effects.
const (
	AtLeast EffectKind = "at_least" // raise to Level, never lower
	Exactly EffectKind = "exactly"  // set to Level, up or down
)

// Limits of the numeric conditions.
const (
	MaxHours = 24 * 366
	MaxDays  = 3660
	// MaxRules is how many rules a project may have.
	MaxRules = 50
)

// Condition is a rule's test of a task.
type Condition struct {
	Kind  ConditionKind
	Hours int    // due_within
	Days  int    // idle_for
	Value string // tag_is, category_is, assignee_is: an id; status_is: a status
}

// Effect is what a rule whose condition holds does.
type Effect struct {
	Kind  EffectKind
	Level Level
}

// Rule is one of a project's priority rules. Position orders them: they
// apply in ascending order, each to the level the ones before produced.
type Rule struct {
	ID        string
	ProjectID string
	Position  int
	Condition Condition
	Effect    Effect
	Version   int64
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// RuleInput is a rule as a client sends it.
type RuleInput struct {
	Condition struct {
		Kind  string
		Hours *int
		Days  *int
		Value *string
	}
	Effect struct {
		Kind  string
		Level string
	}
}

// Normalize checks every field and returns the condition and effect, or a
// validation error naming each bad field (condition.kind, condition.hours,
// condition.days, condition.value, effect.kind, effect.level).
func (in RuleInput) Normalize() (Condition, Effect, error) {
	p := fields.Problems{}
	c := Condition{Kind: ConditionKind(in.Condition.Kind)}
	needHours := func() {
		switch h := in.Condition.Hours; {
		case h == nil:
			p.Add("condition.hours", fields.Required)
		case *h < 1 || *h > MaxHours:
			p.Add("condition.hours", ProblemOutOfRange)
		default:
			c.Hours = *h
		}
	}
	needValue := func(check func(string) bool) {
		switch v := in.Condition.Value; {
		case v == nil || *v == "":
			p.Add("condition.value", fields.Required)
		case !check(*v):
			p.Add("condition.value", fields.Invalid)
		default:
			c.Value = *v
		}
	}
	isID := func(s string) bool { _, err := uuid.Parse(s); return err == nil && len(s) == 36 }
	switch c.Kind {
	case DueWithin:
		needHours()
	case IdleFor:
		switch d := in.Condition.Days; {
		case d == nil:
			p.Add("condition.days", fields.Required)
		case *d < 1 || *d > MaxDays:
			p.Add("condition.days", ProblemOutOfRange)
		default:
			c.Days = *d
		}
	case TagIs, CategoryIs, AssigneeIs:
		needValue(isID)
	case StatusIs:
		needValue(func(s string) bool {
			return slices.Contains([]string{contracts.TaskTodo, contracts.TaskInProgress, contracts.TaskDone}, s)
		})
	case Overdue, NoDueDate, Unassigned:
	case "":
		p.Add("condition.kind", fields.Required)
	default:
		p.Add("condition.kind", fields.Invalid)
	}
	e := Effect{Kind: EffectKind(in.Effect.Kind)}
	switch e.Kind {
	case AtLeast, Exactly:
	case "":
		p.Add("effect.kind", fields.Required)
	default:
		p.Add("effect.kind", fields.Invalid)
	}
	if in.Effect.Level == "" {
		p.Add("effect.level", fields.Required)
	} else if l, ok := ParseLevel(in.Effect.Level); ok {
		e.Level = l
	} else {
		p.Add("effect.level", fields.Invalid)
	}
	if err := p.Err(); err != nil {
		return Condition{}, Effect{}, err
	}
	return c, e, nil
}

// Holds reports whether the condition holds for t at now.
func (c Condition) Holds(t Task, now time.Time) bool {
	switch c.Kind {
	case DueWithin:
		return t.DueAt != nil && !now.Before(t.DueAt.Add(-time.Duration(c.Hours)*time.Hour))
	case Overdue:
		return t.DueAt != nil && !now.Before(*t.DueAt)
	case NoDueDate:
		return t.DueAt == nil
	case TagIs:
		return slices.Contains(t.TagIDs, c.Value)
	case CategoryIs:
		return t.CategoryID != "" && t.CategoryID == c.Value
	case StatusIs:
		return t.Status == c.Value
	case AssigneeIs:
		return slices.Contains(t.AssigneeIDs, c.Value)
	case Unassigned:
		return len(t.AssigneeIDs) == 0
	case IdleFor:
		return !now.Before(t.UpdatedAt.Add(time.Duration(c.Days) * 24 * time.Hour))
	}
	return false
}

// startsAt is the moment a time-based condition starts to hold for t, if
// it depends on time at all.
func (c Condition) startsAt(t Task) (time.Time, bool) {
	switch c.Kind {
	case DueWithin:
		if t.DueAt != nil {
			return t.DueAt.Add(-time.Duration(c.Hours) * time.Hour), true
		}
	case Overdue:
		if t.DueAt != nil {
			return *t.DueAt, true
		}
	case IdleFor:
		return t.UpdatedAt.Add(time.Duration(c.Days) * 24 * time.Hour), true
	}
	return time.Time{}, false
}

// Describe is the condition in words, as the reason of an effective
// priority shows it ("due within 24 h").
func (c Condition) Describe() string {
	switch c.Kind {
	case DueWithin:
		return fmt.Sprintf("due within %d h", c.Hours)
	case Overdue:
		return "overdue"
	case NoDueDate:
		return "no due date"
	case TagIs:
		return "has tag"
	case CategoryIs:
		return "in category"
	case StatusIs:
		return "status is " + c.Value
	case AssigneeIs:
		return "assigned to a given member"
	case Unassigned:
		return "unassigned"
	case IdleFor:
		if c.Days == 1 {
			return "idle for 1 day"
		}
		return fmt.Sprintf("idle for %d days", c.Days)
	}
	return string(c.Kind)
}
