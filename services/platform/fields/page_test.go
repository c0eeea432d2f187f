package fields_test

import (
	"testing"

	"github.com/taskrocket/taskrocket/services/platform/fields"
)

func TestExportPage(t *testing.T) {
	t.Parallel()
	const id = "0190c7a0-0000-7000-8000-000000000001"
	for _, tc := range []struct {
		name, query, after string
		limit              int
		ok                 bool
	}{
		{"first-page-default-limit", "", "", 500, true},
		{"next-page", "after=" + id + "&limit=10", id, 10, true},
		{"bad-after", "after=x", "", 0, false},
		{"limit-too-big", "limit=501", "", 0, false},
		{"limit-zero", "limit=0", "", 0, false},
		{"unknown", "cursor=1", "", 0, false},
	} {
		after, limit, err := fields.ExportPage(tc.query, 500)
		if (err == nil) != tc.ok || after != tc.after || limit != tc.limit {
			t.Errorf("%s: %q %d %v", tc.name, after, limit, err)
		}
	}
}
