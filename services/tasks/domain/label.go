package domain

import "time"

// LabelKind tells categories from tags. Both are per-project names with a
// color, unique per project regardless of case; a task has at most one
// category and any number of tags.
type LabelKind string

// Label kinds.
const (
	Category LabelKind = "category"
	Tag      LabelKind = "tag"
)

// NotFound is the kind's not-found error.
func (k LabelKind) NotFound() error {
	if k == Category {
		return ErrCategoryNotFound
	}
	return ErrTagNotFound
}

// NameTaken is the kind's duplicate-name error.
func (k LabelKind) NameTaken() error {
	if k == Category {
		return ErrCategoryNameTaken
	}
	return ErrTagNameTaken
}

// Names of label fields, as clients send them.
const (
	FieldName  = "name"
	FieldColor = "color"
)

// Label is a category or a tag.
type Label struct {
	Kind      LabelKind
	ID        string
	ProjectID string
	Name      string
	Color     string // #rrggbb, lower-case
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// LabelInput is a new category or tag as a client sends it.
type LabelInput struct {
	Name  string
	Color *string
}

// NewLabel checks the input and builds the label.
func NewLabel(kind LabelKind, id, projectID, createdBy string, in LabelInput, now time.Time) (Label, error) {
	problems := FieldErrors{}
	name, p := NormalizeLabelName(in.Name)
	problems.Add(FieldName, p)
	color := DefaultColor
	if in.Color != nil {
		color, p = NormalizeColor(*in.Color)
		problems.Add(FieldColor, p)
	}
	if err := problems.Err(); err != nil {
		return Label{}, err
	}
	return Label{Kind: kind, ID: id, ProjectID: projectID, Name: name, Color: color, CreatedBy: createdBy,
		CreatedAt: now, UpdatedAt: now}, nil
}

// LabelPatch is a partial update of a category or tag; nil leaves a field
// alone.
type LabelPatch struct {
	Name  *string
	Color *string
}

// Apply checks the patch, changes l and returns the fields that changed.
func (l *Label) Apply(p LabelPatch, now time.Time) ([]string, error) {
	problems := FieldErrors{}
	var changed []string
	if p.Name != nil {
		name, problem := NormalizeLabelName(*p.Name)
		problems.Add(FieldName, problem)
		if problem == "" && name != l.Name {
			l.Name = name
			changed = append(changed, FieldName)
		}
	}
	if p.Color != nil {
		color, problem := NormalizeColor(*p.Color)
		problems.Add(FieldColor, problem)
		if problem == "" && color != l.Color {
			l.Color = color
			changed = append(changed, FieldColor)
		}
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if len(changed) > 0 {
		l.UpdatedAt = now
	}
	return changed, nil
}

// LabelCursor is the keyset position after a label in a list ordered by
// name (as the database lower-cases it), then id.
type LabelCursor struct {
	NameKey string
	ID      string
}

// LabelPage is one page of a category or tag list.
type LabelPage struct {
	Items []Label
	Next  *LabelCursor
}
