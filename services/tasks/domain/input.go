package domain

import "time"

// Optional is a field of a partial update that may also be cleared: Set
// when the client sent it, Null when it sent null.
type Optional[T any] struct {
	Set   bool
	Null  bool
	Value T
}

// Ptr is the new value, nil when cleared.
func (o Optional[T]) Ptr() *T {
	if o.Null {
		return nil
	}
	v := o.Value
	return &v
}

// TaskInput is a new task as a client sends it. Nil pointers are fields
// the client left out (or sent as null).
type TaskInput struct {
	Title           string
	Description     string
	Status          *string
	Priority        *string
	StartAt         *string
	DueAt           *string
	Timezone        *string
	EstimateMinutes *int
	AssigneeIDs     []string
	CategoryID      *string
	TagIDs          []string
	ParentID        *string
	Position        *PositionRef
}

// TaskFields are the checked fields of a new task.
type TaskFields struct {
	Title           string
	Description     string
	Status          Status
	Priority        Priority
	StartAt         *time.Time
	DueAt           *time.Time
	Timezone        string
	EstimateMinutes int
	AssigneeIDs     []string
	CategoryID      string
	TagIDs          []string
	ParentID        string
	Position        *PositionRef
}

// Normalize checks every field and reports all problems at once.
func (in TaskInput) Normalize() (TaskFields, error) {
	problems := FieldErrors{}
	var f TaskFields
	var p string
	f.Title, p = NormalizeTitle(in.Title)
	problems.Add(FieldTitle, p)
	f.Description, p = NormalizeDescription(in.Description)
	problems.Add(FieldDescription, p)
	f.Status = StatusTodo
	if in.Status != nil {
		var ok bool
		if f.Status, ok = ParseStatus(*in.Status); !ok {
			problems.Add(FieldStatus, ProblemInvalid)
		}
	}
	if in.Priority != nil {
		var ok bool
		if f.Priority, ok = ParsePriority(*in.Priority); !ok {
			problems.Add(FieldPriority, ProblemInvalid)
		}
	}
	f.StartAt = optionalTime(in.StartAt, FieldStartAt, problems)
	f.DueAt = optionalTime(in.DueAt, FieldDueAt, problems)
	if f.StartAt != nil && f.DueAt != nil && f.StartAt.After(*f.DueAt) {
		problems.Add(FieldDueAt, ProblemBeforeStart)
	}
	if in.Timezone != nil {
		f.Timezone, p = NormalizeTimezone(*in.Timezone)
		problems.Add(FieldTimezone, p)
	}
	if in.EstimateMinutes != nil {
		f.EstimateMinutes = *in.EstimateMinutes
		problems.Add(FieldEstimateMinutes, CheckEstimate(f.EstimateMinutes))
	}
	f.AssigneeIDs, p = NormalizeIDs(in.AssigneeIDs, MaxAssignees)
	problems.Add(FieldAssigneeIDs, p)
	f.TagIDs, p = NormalizeIDs(in.TagIDs, MaxTags)
	problems.Add(FieldTagIDs, p)
	f.CategoryID = optionalID(in.CategoryID, FieldCategoryID, problems)
	f.ParentID = optionalID(in.ParentID, FieldParentID, problems)
	f.Position = normalizePosition(in.Position, problems)
	return f, problems.Err()
}

// TaskPatch is a partial update as a client sends it. Nil pointers are
// fields left alone; the Optional fields may also be cleared.
type TaskPatch struct {
	Title           *string
	Description     *string
	Status          *string
	Priority        *string
	StartAt         Optional[string]
	DueAt           Optional[string]
	Timezone        Optional[string]
	EstimateMinutes *int
	AssigneeIDs     *[]string
	CategoryID      Optional[string]
	TagIDs          *[]string
	ParentID        Optional[string]
	Position        *PositionRef
}

// TaskChanges is a checked partial update.
type TaskChanges struct {
	Title           *string
	Description     *string
	Status          *Status
	Priority        *Priority
	StartAt         Optional[time.Time]
	DueAt           Optional[time.Time]
	Timezone        Optional[string]
	EstimateMinutes *int
	AssigneeIDs     *[]string
	CategoryID      Optional[string]
	TagIDs          *[]string
	ParentID        Optional[string]
	Position        *PositionRef
}

// Normalize checks every field sent and reports all problems at once.
func (in TaskPatch) Normalize() (TaskChanges, error) {
	problems := FieldErrors{}
	var c TaskChanges
	if in.Title != nil {
		v, p := NormalizeTitle(*in.Title)
		c.Title = &v
		problems.Add(FieldTitle, p)
	}
	if in.Description != nil {
		v, p := NormalizeDescription(*in.Description)
		c.Description = &v
		problems.Add(FieldDescription, p)
	}
	if in.Status != nil {
		v, ok := ParseStatus(*in.Status)
		c.Status = &v
		if !ok {
			problems.Add(FieldStatus, ProblemInvalid)
		}
	}
	if in.Priority != nil {
		v, ok := ParsePriority(*in.Priority)
		c.Priority = &v
		if !ok {
			problems.Add(FieldPriority, ProblemInvalid)
		}
	}
	c.StartAt = patchTime(in.StartAt, FieldStartAt, problems)
	c.DueAt = patchTime(in.DueAt, FieldDueAt, problems)
	if in.Timezone.Set {
		c.Timezone = Optional[string]{Set: true, Null: in.Timezone.Null}
		if !in.Timezone.Null {
			var p string
			c.Timezone.Value, p = NormalizeTimezone(in.Timezone.Value)
			problems.Add(FieldTimezone, p)
		}
	}
	if in.EstimateMinutes != nil {
		c.EstimateMinutes = in.EstimateMinutes
		problems.Add(FieldEstimateMinutes, CheckEstimate(*in.EstimateMinutes))
	}
	c.AssigneeIDs = patchIDs(in.AssigneeIDs, FieldAssigneeIDs, MaxAssignees, problems)
	c.TagIDs = patchIDs(in.TagIDs, FieldTagIDs, MaxTags, problems)
	c.CategoryID = patchID(in.CategoryID, FieldCategoryID, problems)
	c.ParentID = patchID(in.ParentID, FieldParentID, problems)
	c.Position = normalizePosition(in.Position, problems)
	return c, problems.Err()
}

func optionalTime(raw *string, field string, problems FieldErrors) *time.Time {
	if raw == nil {
		return nil
	}
	t, p := ParseTime(*raw)
	problems.Add(field, p)
	return &t
}

func optionalID(raw *string, field string, problems FieldErrors) string {
	if raw == nil {
		return ""
	}
	id, ok := ParseID(*raw)
	if !ok {
		problems.Add(field, ProblemInvalid)
	}
	return id
}

func patchTime(in Optional[string], field string, problems FieldErrors) Optional[time.Time] {
	out := Optional[time.Time]{Set: in.Set, Null: in.Null}
	if in.Set && !in.Null {
		var p string
		out.Value, p = ParseTime(in.Value)
		problems.Add(field, p)
	}
	return out
}

func patchID(in Optional[string], field string, problems FieldErrors) Optional[string] {
	out := Optional[string]{Set: in.Set, Null: in.Null}
	if in.Set && !in.Null {
		var ok bool
		if out.Value, ok = ParseID(in.Value); !ok {
			problems.Add(field, ProblemInvalid)
		}
	}
	return out
}

func patchIDs(in *[]string, field string, maxLen int, problems FieldErrors) *[]string {
	if in == nil {
		return nil
	}
	ids, p := NormalizeIDs(*in, maxLen)
	problems.Add(field, p)
	return &ids
}

func normalizePosition(in *PositionRef, problems FieldErrors) *PositionRef {
	if in == nil {
		return nil
	}
	var out PositionRef
	var ok bool
	if in.AfterID != "" {
		if out.AfterID, ok = ParseID(in.AfterID); !ok {
			problems.Add(FieldPosition, ProblemInvalid)
		}
	}
	if in.BeforeID != "" {
		if out.BeforeID, ok = ParseID(in.BeforeID); !ok {
			problems.Add(FieldPosition, ProblemInvalid)
		}
	}
	if out.AfterID != "" && out.AfterID == out.BeforeID {
		problems.Add(FieldPosition, ProblemInvalid)
	}
	return &out
}
