package ports

import (
	"time"

	"github.com/taskrocket/taskrocket/services/priorities/app"
	"github.com/taskrocket/taskrocket/services/priorities/domain"
)

type conditionDTO struct {
	Kind  string  `json:"kind"`
	Hours *int    `json:"hours,omitempty"`
	Days  *int    `json:"days,omitempty"`
	Value *string `json:"value,omitempty"`
}

type effectDTO struct {
	Kind  string `json:"kind"`
	Level string `json:"level"`
}

type ruleRequest struct {
	Condition conditionDTO `json:"condition"`
	Effect    effectDTO    `json:"effect"`
}

func (r ruleRequest) input() domain.RuleInput {
	var in domain.RuleInput
	in.Condition.Kind, in.Condition.Hours, in.Condition.Days, in.Condition.Value =
		r.Condition.Kind, r.Condition.Hours, r.Condition.Days, r.Condition.Value
	in.Effect.Kind, in.Effect.Level = r.Effect.Kind, r.Effect.Level
	return in
}

type previewRequest struct {
	ruleRequest
	RuleID string `json:"ruleId"` // preview a change of this rule instead of a new one
}

type orderRequest struct {
	IDs []string `json:"ids" binding:"required"`
}

type ruleDTO struct {
	ID          string       `json:"id"`
	ProjectID   string       `json:"projectId"`
	Position    int          `json:"position"`
	Condition   conditionDTO `json:"condition"`
	Effect      effectDTO    `json:"effect"`
	Description string       `json:"description"`
	Version     int64        `json:"version"`
	CreatedBy   string       `json:"createdBy"`
	CreatedAt   time.Time    `json:"createdAt"`
	UpdatedAt   time.Time    `json:"updatedAt"`
}

func toRule(r domain.Rule) ruleDTO {
	c := conditionDTO{Kind: string(r.Condition.Kind)}
	switch r.Condition.Kind {
	case domain.DueWithin:
		c.Hours = &r.Condition.Hours
	case domain.IdleFor:
		c.Days = &r.Condition.Days
	case domain.TagIs, domain.CategoryIs, domain.StatusIs, domain.AssigneeIs:
		c.Value = &r.Condition.Value
	}
	return ruleDTO{
		ID: r.ID, ProjectID: r.ProjectID, Position: r.Position, Condition: c,
		Effect:      effectDTO{Kind: string(r.Effect.Kind), Level: r.Effect.Level.String()},
		Description: r.Condition.Describe(), Version: r.Version, CreatedBy: r.CreatedBy,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

type ruleList struct {
	Items []ruleDTO `json:"items"`
}

func toRuleList(rs []domain.Rule) ruleList {
	out := ruleList{Items: make([]ruleDTO, 0, len(rs))}
	for i, r := range rs {
		r.Position = i
		out.Items = append(out.Items, toRule(r))
	}
	return out
}

type previewItem struct {
	TaskID     string     `json:"taskId"`
	Title      string     `json:"title"`
	DueAt      *time.Time `json:"dueAt"`
	Explicit   string     `json:"explicit"`
	From       string     `json:"from"`
	To         string     `json:"to"`
	FromReason string     `json:"fromReason,omitempty"`
	ToReason   string     `json:"toReason,omitempty"`
}

type previewList struct {
	Items []previewItem `json:"items"`
}

func toPreview(cs []app.PreviewChange) previewList {
	out := previewList{Items: make([]previewItem, 0, len(cs))}
	for _, c := range cs {
		out.Items = append(out.Items, previewItem{
			TaskID: c.Task.ID, Title: c.Task.Title, DueAt: c.Task.DueAt, Explicit: c.Task.Explicit.String(),
			From: c.From.Level.String(), To: c.To.Level.String(), FromReason: c.From.Reason, ToReason: c.To.Reason,
		})
	}
	return out
}

type nextUpList struct {
	Items []app.NextUpItem `json:"items"`
}
