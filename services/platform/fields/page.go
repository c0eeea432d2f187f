package fields

import (
	"net/url"
	"strconv"
)

// ExportPage reads the query of an internal export (contracts
// ExportMaxLimit): ?after=<UUID> (absent on the first page) and
// ?limit=1..max (default max). Unknown parameters are refused.
func ExportPage(rawQuery string, max int) (after string, limit int, err error) {
	v, perr := url.ParseQuery(rawQuery)
	problems := Problems{}
	if perr != nil {
		problems.Add("query", Invalid)
	}
	limit = max
	if raw := v.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > max {
			problems.Add("limit", Invalid)
		}
		limit = n
	}
	if raw := v.Get("after"); raw != "" {
		id, ok := ParseUUID(raw)
		if !ok {
			problems.Add("after", Invalid)
		}
		after = id
	}
	for k := range v {
		if k != "after" && k != "limit" {
			problems.Add(k, "unknown")
		}
	}
	if err := problems.QueryErr(); err != nil {
		return "", 0, err
	}
	return after, limit, nil
}
