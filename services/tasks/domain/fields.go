package domain

import (
	"regexp"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones even where the system has none (distroless)
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
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
	maxTimezoneBytes    = 64
)

// DefaultColor is the color of a category or tag created without one.
const DefaultColor = "#64748b"

var (
	colorPattern    = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	timezonePattern = regexp.MustCompile(`^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$`)
)

// ParseID checks a UUID (any version; path parameters, ids in bodies and
// queries) and returns its canonical lower-case form.
func ParseID(raw string) (string, bool) {
	if len(raw) != 36 {
		return "", false // only the canonical 8-4-4-4-12 form
	}
	u, err := uuid.Parse(raw)
	if err != nil {
		return "", false
	}
	return u.String(), true
}

// NormalizeTitle trims and NFC-normalises a task title and refuses
// control characters and the invisible format characters used to
// disguise text (bidirectional overrides, zero-width spaces, byte order
// marks). Zero-width joiners stay allowed: emoji sequences need them.
func NormalizeTitle(raw string) (string, string) {
	return normalizeLine(raw, MaxTitleRunes)
}

// NormalizeLabelName is NormalizeTitle for category and tag names.
func NormalizeLabelName(raw string) (string, string) {
	return normalizeLine(raw, MaxLabelNameRunes)
}

func normalizeLine(raw string, maxRunes int) (string, string) {
	s := norm.NFC.String(strings.TrimSpace(raw))
	if s == "" {
		return "", ProblemRequired
	}
	if utf8.RuneCountInString(s) > maxRunes {
		return "", ProblemTooLong
	}
	visible := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.In(r, unicode.Zl, unicode.Zp):
			return "", ProblemInvalid
		case unicode.Is(unicode.Cf, r) && r != '\u200d':
			return "", ProblemInvalid
		case !unicode.IsSpace(r) && r != '\u200d':
			visible = true
		}
	}
	if !visible {
		return "", ProblemInvalid
	}
	return s, ""
}

// NormalizeDescription checks a Markdown description ("" for none). Line
// breaks and tabs are kept; other control characters and bidirectional
// overrides are refused. The text is stored as written and rendered by
// clients as Markdown with HTML disabled.
func NormalizeDescription(raw string) (string, string) {
	s := norm.NFC.String(strings.TrimSpace(strings.ReplaceAll(raw, "\r\n", "\n")))
	if utf8.RuneCountInString(s) > MaxDescriptionRunes {
		return "", ProblemTooLong
	}
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r == utf8.RuneError, unicode.IsControl(r):
			return "", ProblemInvalid
		case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return "", ProblemInvalid
		}
	}
	return s, ""
}

// NormalizeTimezone checks an IANA time zone name.
func NormalizeTimezone(raw string) (string, string) {
	switch {
	case raw == "":
		return "", ProblemRequired
	case len(raw) > maxTimezoneBytes:
		return "", ProblemTooLong
	case raw == "Local" || !timezonePattern.MatchString(raw):
		return "", ProblemInvalid
	}
	if _, err := time.LoadLocation(raw); err != nil {
		return "", ProblemInvalid
	}
	return raw, ""
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
	switch {
	case raw == "":
		return "", ProblemRequired
	case !colorPattern.MatchString(raw):
		return "", ProblemInvalid
	}
	return strings.ToLower(raw), ""
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
