package ports

import (
	"encoding/base64"
	"encoding/json"
	"hash/fnv"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/fields"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

// Query parameters of GET /api/v1/search. Filters repeat or take
// comma-separated values; "me" is the caller as an assignee.
const (
	paramText     = "q"
	paramProject  = "project"
	paramStatus   = "status"
	paramPriority = "priority"
	paramAssignee = "assignee"
	paramTag      = "tag"
	paramDueFrom  = "dueFrom"
	paramDueTo    = "dueTo"
	paramLimit    = "limit"
	paramCursor   = "cursor"
	paramFacets   = "facets" // facet names or "all"; none are counted otherwise
)

var (
	statuses   = []string{contracts.TaskTodo, contracts.TaskInProgress, contracts.TaskDone}
	priorities = []string{contracts.PriorityNone, contracts.PriorityLow, contracts.PriorityMedium,
		contracts.PriorityHigh, contracts.PriorityUrgent}
)

// maxCursorBytes bounds what is decoded of a cursor.
const maxCursorBytes = 512

// cursorDoc is a cursor's content: where the next page starts, for which
// search (a fingerprint of its parameters other than the cursor and the
// limit).
type cursorDoc struct {
	Offset int    `json:"o"`
	Search uint64 `json:"s"`
}

// parseQuery reads the parameters; every problem is reported at once
// (invalid_query with the fields), a bad cursor as invalid_cursor.
func parseQuery(rawQuery, callerID string) (domain.Query, uint64, error) {
	v, err := url.ParseQuery(rawQuery)
	problems := fields.Problems{}
	if err != nil {
		problems.Add("query", fields.Invalid)
	}
	q := domain.Query{Limit: domain.DefaultLimit}
	for k := range v {
		switch k {
		case paramText, paramProject, paramStatus, paramPriority, paramAssignee, paramTag,
			paramDueFrom, paramDueTo, paramLimit, paramCursor, paramFacets:
		default:
			problems.Add(k, "unknown")
		}
	}
	text := strings.Join(v[paramText], " ")
	if !utf8.ValidString(text) {
		problems.Add(paramText, fields.Invalid)
	} else if q.Text, err = domain.ParseText(text); err != nil {
		problems.Add(paramText, "too_long")
	}
	f := &q.Filters
	f.Projects = uuids(v, paramProject, "", problems)
	f.Assignees = uuids(v, paramAssignee, callerID, problems)
	f.Tags = uuids(v, paramTag, "", problems)
	f.Statuses = oneOf(v, paramStatus, statuses, problems)
	f.Priorities = oneOf(v, paramPriority, priorities, problems)
	f.DueFrom = when(v, paramDueFrom, false, problems)
	f.DueTo = when(v, paramDueTo, true, problems)
	for _, name := range values(v, paramFacets) {
		switch {
		case name == "all":
			q.Facets = domain.Facets
		case slices.Contains(domain.Facets, name):
			if !slices.Contains(q.Facets, name) {
				q.Facets = append(q.Facets, name)
			}
		default:
			problems.Add(paramFacets, fields.Invalid)
		}
	}
	if f.DueFrom != nil && f.DueTo != nil && f.DueTo.Before(*f.DueFrom) {
		problems.Add(paramDueTo, "before_start")
	}
	if raw := v.Get(paramLimit); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > domain.MaxLimit {
			problems.Add(paramLimit, fields.Invalid)
		}
		q.Limit = n
	}
	if err := problems.QueryErr(); err != nil {
		return domain.Query{}, 0, err
	}
	fp := fingerprint(v)
	if raw := v.Get(paramCursor); raw != "" {
		b, err := base64.RawURLEncoding.DecodeString(raw)
		var d cursorDoc
		if len(raw) > maxCursorBytes || err != nil || json.Unmarshal(b, &d) != nil ||
			d.Search != fp || d.Offset < 1 {
			return domain.Query{}, 0, domain.ErrInvalidCursor
		}
		if d.Offset+q.Limit > domain.MaxOffset {
			return domain.Query{}, 0, domain.ErrPageTooDeep
		}
		q.Offset = d.Offset
	}
	return q, fp, nil
}

// values returns a parameter's values, repeated or comma-separated.
func values(v url.Values, key string) []string {
	var out []string
	for _, raw := range v[key] {
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func uuids(v url.Values, key, me string, problems fields.Problems) []string {
	var out []string
	raw := values(v, key)
	if len(raw) > domain.MaxFilterValues {
		problems.Add(key, "too_many")
	}
	for _, s := range raw {
		if s == "me" && me != "" {
			s = me
		}
		id, ok := fields.ParseUUID(s)
		if !ok {
			problems.Add(key, fields.Invalid)
			continue
		}
		out = append(out, id)
	}
	return out
}

func oneOf(v url.Values, key string, allowed []string, problems fields.Problems) []string {
	raw := values(v, key)
	for _, s := range raw {
		if !slices.Contains(allowed, s) {
			problems.Add(key, fields.Invalid)
		}
	}
	return raw
}

// when reads an RFC 3339 time or a date (a date as a bound covers the
// whole day, in UTC).
func when(v url.Values, key string, end bool, problems fields.Problems) *time.Time {
	raw := v.Get(key)
	if raw == "" {
		return nil
	}
	if t, err := time.Parse(time.RFC3339, raw); err == nil {
		return &t
	}
	t, err := time.Parse(time.DateOnly, raw)
	if err != nil {
		problems.Add(key, fields.Invalid)
		return nil
	}
	if end {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return &t
}

// fingerprint identifies a search by its parameters, so that a cursor is
// only accepted for the search it was issued for (the next page may ask
// for other facets).
func fingerprint(v url.Values) uint64 {
	keys := make([]string, 0, len(v))
	for k := range v {
		if k != paramCursor && k != paramLimit && k != paramFacets {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	h := fnv.New64a()
	for _, k := range keys {
		h.Write([]byte(k + "\x00" + strings.Join(v[k], "\x01") + "\x00"))
	}
	return h.Sum64()
}
