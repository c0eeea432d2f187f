package ports

import (
	"net/url"
	"strconv"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/fields"

	"github.com/taskrocket/taskrocket/services/notifications/app"
	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// Query parameters. Every problem is reported at once as invalid_query
// with details.fields.{param: problem}; a parameter an endpoint does not
// know, one given twice, or a query with a bad percent escape is refused
// (a typo must not silently change an answer).

// Problems of a query parameter.
const (
	problemUnknown = "unknown"
	problemInvalid = "invalid"
)

// DefaultPageSize is the page size of the inbox unless limit says.
const DefaultPageSize = 20

// readQuery parses raw (the request's RawQuery) for an endpoint that knows
// the given parameters.
func readQuery(raw string, known ...string) (url.Values, fields.Problems) {
	problems := fields.Problems{}
	values, err := url.ParseQuery(raw)
	if err != nil {
		problems.Add("query", problemInvalid)
		return values, problems
	}
	for name, vs := range values {
		switch {
		case !contains(known, name):
			problems.Add(name, problemUnknown)
		case len(vs) > 1:
			problems.Add(name, problemInvalid)
		}
	}
	return values, problems
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// listQuery is GET /notifications: cursor (an id: list older ones),
// limit (1 to app.MaxPage), unread (true: only unread ones).
type listQuery struct {
	Before     int64
	Limit      int
	UnreadOnly bool
}

func parseListQuery(raw string) (listQuery, error) {
	values, problems := readQuery(raw, "cursor", "limit", "unread")
	q := listQuery{Limit: DefaultPageSize}
	if v := values.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > app.MaxPage {
			problems.Add("limit", problemInvalid)
		}
		q.Limit = n
	}
	switch values.Get("unread") {
	case "", "false":
	case "true":
		q.UnreadOnly = true
	default:
		problems.Add("unread", problemInvalid)
	}
	if err := problems.QueryErr(); err != nil {
		return listQuery{}, err
	}
	if v := values.Get("cursor"); v != "" {
		seq, ok := parseSeq(v)
		if !ok {
			return listQuery{}, domain.ErrInvalidCursor
		}
		q.Before = seq
	}
	return q, nil
}

// parseFeedQuery is GET /notifications/feed: after (an id; absent: start
// from now), wait (seconds, 0 to 25), unread (the count the caller shows).
func parseFeedQuery(raw string) (app.FeedRequest, error) {
	values, problems := readQuery(raw, "after", "wait", "unread")
	req := app.FeedRequest{After: -1, KnownUnread: -1}
	if v := values.Get("after"); v != "" {
		seq, ok := parseSeq(v)
		if !ok && v != "0" {
			problems.Add("after", problemInvalid)
		}
		req.After = seq
	}
	if v := values.Get("wait"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || time.Duration(n)*time.Second > app.MaxFeedWait {
			problems.Add("wait", problemInvalid)
		}
		req.Wait = time.Duration(n) * time.Second
	}
	if v := values.Get("unread"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			problems.Add("unread", problemInvalid)
		}
		req.KnownUnread = n
	}
	return req, problems.QueryErr()
}

// parseSeq reads a notification id: a positive decimal number written
// canonically (no sign, no leading zeros).
func parseSeq(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || strconv.FormatInt(n, 10) != s {
		return 0, false
	}
	return n, true
}

// parseID reads a UUID (user, task and project ids) in its canonical form.
func parseID(s string) (string, bool) {
	return fields.ParseUUID(s)
}
