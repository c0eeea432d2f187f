package ports

import (
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// hitDTO is one result as the API shows it.
type hitDTO struct {
	Kind        string              `json:"kind"`
	ID          string              `json:"id"`
	ProjectID   string              `json:"projectId"`
	ProjectKey  string              `json:"projectKey"`
	ProjectName string              `json:"projectName"`
	Title       string              `json:"title"`
	Status      string              `json:"status,omitempty"`
	Priority    string              `json:"priority,omitempty"`
	DueAt       *time.Time          `json:"dueAt,omitempty"`
	AssigneeIDs []string            `json:"assigneeIds"`
	TagIDs      []string            `json:"tagIds"`
	Score       float64             `json:"score"`
	Highlights  map[string][]string `json:"highlights"`
}

type resultDTO struct {
	Items      []hitDTO                       `json:"items"`
	Total      uint64                         `json:"total"`
	Facets     map[string][]domain.FacetValue `json:"facets"`
	NextCursor string                         `json:"nextCursor,omitempty"`
}

func resultDTOOf(res domain.Result, q domain.Query, fp uint64) resultDTO {
	out := resultDTO{Items: []hitDTO{}, Total: res.Total, Facets: map[string][]domain.FacetValue{}}
	for _, name := range q.Facets {
		out.Facets[name] = []domain.FacetValue{}
		if v, ok := res.Facets[name]; ok {
			out.Facets[name] = v
		}
	}
	for _, h := range res.Hits {
		d := h.Doc
		item := hitDTO{
			Kind: d.Kind, ID: d.ID, ProjectID: d.ProjectID, ProjectKey: d.ProjectKey, ProjectName: d.ProjectName,
			Title: d.Title, Status: d.Status, Priority: d.Priority, DueAt: d.DueAt,
			AssigneeIDs: nonNil(d.AssigneeIDs), TagIDs: nonNil(d.TagIDs), Score: h.Score,
			Highlights: h.Highlights,
		}
		if item.Highlights == nil {
			item.Highlights = map[string][]string{}
		}
		out.Items = append(out.Items, item)
	}
	next := q.Offset + len(res.Hits)
	if len(res.Hits) == q.Limit && uint64(next) < res.Total && next+q.Limit <= domain.MaxOffset {
		raw, _ := json.Marshal(cursorDoc{Offset: next, Search: fp})
		out.NextCursor = base64.RawURLEncoding.EncodeToString(raw)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
