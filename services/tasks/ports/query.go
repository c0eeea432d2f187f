package ports

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Query parameters of the list endpoints. Every problem is reported at
// once as invalid_query with details.fields.{param: problem}; parameters
// a list does not know are refused too (a typo must not silently widen
// a list). The cursor is checked last, as invalid_cursor.

var (
	taskListParams  = []string{"status", "assignee", "tag", "category", "priority", "dueBefore", "dueAfter", "overdue", "q", "parentId", "sort", "order", "limit", "cursor", "counts", "effectivePriority"}
	repeatableParam = []string{"status", "priority", "effectivePriority"}
	labelListParams = []string{"limit", "cursor"}
)

// queryReader reads the parameters of one request and collects problems.
type queryReader struct {
	values   url.Values
	problems domain.FieldErrors
}

func newQueryReader(values url.Values, known []string) *queryReader {
	r := &queryReader{values: values, problems: domain.FieldErrors{}}
	for name, vs := range values {
		switch {
		case !slices.Contains(known, name):
			r.problems.Add(name, domain.ProblemUnknown)
		case len(vs) > 1 && !slices.Contains(repeatableParam, name):
			r.problems.Add(name, domain.ProblemInvalid)
		}
	}
	return r
}

// one returns a single-valued parameter ("" when absent).
func (r *queryReader) one(name string) string { return r.values.Get(name) }

func (r *queryReader) id(name string) string {
	v := r.one(name)
	if v == "" {
		return ""
	}
	id, ok := domain.ParseID(v)
	if !ok {
		r.problems.Add(name, domain.ProblemInvalid)
	}
	return id
}

func (r *queryReader) boolean(name string) *bool {
	switch r.one(name) {
	case "":
		return nil
	case "true":
		t := true
		return &t
	case "false":
		f := false
		return &f
	}
	r.problems.Add(name, domain.ProblemInvalid)
	return nil
}

// time reads an RFC 3339 timestamp; a "+" offset that arrived as a space
// (an unencoded query string) is read as "+".
func (r *queryReader) time(name string) *time.Time {
	v := r.one(name)
	if v == "" {
		return nil
	}
	t, p := domain.ParseTime(v)
	if p != "" {
		t, p = domain.ParseTime(strings.Replace(v, " ", "+", 1))
	}
	if p != "" {
		r.problems.Add(name, domain.ProblemInvalid)
		return nil
	}
	return &t
}

func (r *queryReader) limit() int {
	v := r.one("limit")
	if v == "" {
		return domain.DefaultLimit
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > domain.MaxLimit {
		r.problems.Add("limit", domain.ProblemOutOfRange)
		return domain.DefaultLimit
	}
	return n
}

// parseQuery reads a raw query string; one that does not decode (a bad
// percent escape) is refused rather than read in part.
func parseQuery(raw string) (url.Values, error) {
	values, err := url.ParseQuery(raw)
	if err != nil {
		return nil, domain.FieldErrors{"query": domain.ProblemInvalid}.QueryErr()
	}
	return values, nil
}

// taskQuery reads the filters, sort and page of a task list; "me" as the
// assignee is the caller.
func taskQuery(rawQuery, callerID string) (domain.TaskQuery, error) {
	values, err := parseQuery(rawQuery)
	if err != nil {
		return domain.TaskQuery{}, err
	}
	r := newQueryReader(values, taskListParams)
	q := domain.TaskQuery{Limit: r.limit(), Sort: domain.SortPriority}
	f := &q.Filter
	for _, v := range values["status"] {
		s, ok := domain.ParseStatus(v)
		if !ok {
			r.problems.Add("status", domain.ProblemInvalid)
		}
		f.Statuses = append(f.Statuses, s)
	}
	for _, v := range values["priority"] {
		p, ok := domain.ParsePriority(v)
		if !ok {
			r.problems.Add("priority", domain.ProblemInvalid)
		}
		f.Priorities = append(f.Priorities, p)
	}
	for _, v := range values["effectivePriority"] {
		p, ok := domain.ParsePriority(v)
		if !ok {
			r.problems.Add("effectivePriority", domain.ProblemInvalid)
		}
		f.EffectivePriorities = append(f.EffectivePriorities, p)
	}
	if r.one("assignee") == "me" {
		f.AssigneeID = callerID
	} else {
		f.AssigneeID = r.id("assignee")
	}
	f.TagID, f.CategoryID = r.id("tag"), r.id("category")
	f.DueBefore, f.DueAfter = r.time("dueBefore"), r.time("dueAfter")
	f.Overdue = r.boolean("overdue")
	var p string
	f.Text, p = domain.NormalizeSearch(r.one("q"))
	r.problems.Add("q", p)
	if r.one("parentId") == "none" {
		f.TopLevel = true
	} else {
		f.ParentID = r.id("parentId")
	}
	if v := r.one("sort"); v != "" {
		q.Sort = domain.Sort(v)
		if !slices.Contains(domain.Sorts, q.Sort) {
			r.problems.Add("sort", domain.ProblemInvalid)
		}
	}
	q.Order = domain.DefaultOrder(q.Sort)
	switch v := r.one("order"); v {
	case "":
	case string(domain.Asc), string(domain.Desc):
		q.Order = domain.Order(v)
	default:
		r.problems.Add("order", domain.ProblemInvalid)
	}
	counts := r.boolean("counts")
	q.Counts = counts != nil && *counts
	if err := r.problems.QueryErr(); err != nil {
		return domain.TaskQuery{}, err
	}
	if v := r.one("cursor"); v != "" {
		c, err := decodeTaskCursor(v, q.Sort, q.Order)
		if err != nil {
			return domain.TaskQuery{}, err
		}
		q.After = c
	}
	return q, nil
}

// labelQuery reads the page of a category or tag list.
func labelQuery(rawQuery string) (*domain.LabelCursor, int, error) {
	values, err := parseQuery(rawQuery)
	if err != nil {
		return nil, 0, err
	}
	r := newQueryReader(values, labelListParams)
	limit := r.limit()
	if err := r.problems.QueryErr(); err != nil {
		return nil, 0, err
	}
	if v := r.one("cursor"); v != "" {
		c, err := decodeLabelCursor(v)
		return c, limit, err
	}
	return nil, limit, nil
}
