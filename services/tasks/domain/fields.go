package domain

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// Limits of the task, category and tag fields.
const (
	MaxTitleRunes       = 200
	MaxDescriptionRunes = 20_000
	MaxLabelNameRunes   = 50
	MaxEstimateMinutes  = 100_000
	MaxAssignees        = 50
	MaxTags             = 50
	MaxSearchRunes      = 200
)

// DefaultColor is the color of a category or tag created without one.
const DefaultColor = "#64748b"

// ParseID checks a UUID (any version; path parameters, ids in bodies and
// queries) and returns its canonical lower-case form.
func ParseID(raw string) (string, bool) {
	return fields.ParseUUID(raw)
}

// NormalizeTitle trims and NFC-normalises a task title (fields.Line: no
// control or invisible format characters, something visible).
func NormalizeTitle(raw string) (string, string) {
	return fields.Line(raw, MaxTitleRunes)
}

// NormalizeLabelName is NormalizeTitle for category and tag names.
func NormalizeLabelName(raw string) (string, string) {
	return fields.Line(raw, MaxLabelNameRunes)
}

// NormalizeDescription checks a Markdown description ("" for none); see
// fields.Markdown.
func NormalizeDescription(raw string) (string, string) {
	return fields.Markdown(raw, MaxDescriptionRunes)
}

// NormalizeTimezone checks an IANA time zone name.
func NormalizeTimezone(raw string) (string, string) {
	return fields.Timezone(raw)
}

// ParseTime reads an RFC 3339 timestamp, which always carries its offset
// ("Z" or ±hh:mm), and returns it in UTC at the database's precision.
func ParseTime(raw string) (time.Time, string) {
	if raw == "" {
		return time.Time{}, ProblemRequired
	}
	t, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil || t.Year() < 1 {
		return time.Time{}, ProblemInvalid
	}
	return t.UTC().Truncate(time.Microsecond), ""
}

// NormalizeColor checks a #rrggbb color and returns it lower-cased.
func NormalizeColor(raw string) (string, string) {
	return fields.Color(raw)
}

// CheckEstimate checks an estimate in minutes.
func CheckEstimate(n int) string {
	if n < 0 || n > MaxEstimateMinutes {
		return ProblemOutOfRange
	}
	return ""
}

// NormalizeIDs checks a list of ids and returns them canonical, sorted and
// without duplicates.
func NormalizeIDs(raw []string, maxLen int) ([]string, string) {
	out := make([]string, 0, len(raw))
	for _, r := range raw {
		id, ok := ParseID(r)
		if !ok {
			return nil, ProblemInvalid
		}
		out = append(out, id)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > maxLen {
		return nil, ProblemTooMany
	}
	return out, ""
}

// NormalizeSearch checks the text of a title search.
func NormalizeSearch(raw string) (string, string) {
	s := norm.NFC.String(strings.TrimSpace(raw))
	if utf8.RuneCountInString(s) > MaxSearchRunes {
		return "", ProblemTooLong
	}
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) {
			return "", ProblemInvalid
		}
	}
	return s, ""
}
