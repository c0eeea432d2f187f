package domain

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits of a query.
const (
	MaxQueryRunes   = 256 // longer text is refused (query_too_long)
	MaxTerms        = 12  // words and phrases together
	MaxFilterValues = 20  // values of one filter
	DefaultLimit    = 20
	MaxLimit        = 50
	MaxOffset       = 1000 // deeper pages are refused; narrow the query
	MinPrefixRunes  = 2    // a shorter last word is matched whole only
)

// Facets a query may ask to have counted, by the name the API reports
// them under. Counting costs a pass over every hit, so a query counts only
// those it asks for (the search box asks for none).
const (
	FacetStatus   = "status"
	FacetPriority = "priority"
	FacetProject  = "project"
	FacetAssignee = "assignee"
	FacetTag      = "tag"
)

// Facets lists them in report order.
var Facets = []string{FacetProject, FacetStatus, FacetPriority, FacetAssignee, FacetTag}

// Filters narrow a query to tasks with one of the given values each.
type Filters struct {
	Projects   []string
	Statuses   []string
	Priorities []string
	Assignees  []string
	Tags       []string
	DueFrom    *time.Time
	DueTo      *time.Time
}

// TasksOnly reports whether a filter applies that only tasks have.
func (f Filters) TasksOnly() bool {
	return len(f.Statuses)+len(f.Priorities)+len(f.Assignees)+len(f.Tags) > 0 || f.DueFrom != nil || f.DueTo != nil
}

// Text is the parsed text of a query: words (lower case) and "quoted
// phrases". Prefix says the last word may still be being typed.
type Text struct {
	Words   []string
	Phrases []string
	Prefix  bool
}

// Empty reports whether there is nothing to match.
func (t Text) Empty() bool { return len(t.Words) == 0 && len(t.Phrases) == 0 }

// Query is a search as the engines receive it. Scope is the caller's
// projects at the time of the query: nothing outside it may be matched,
// counted or shown.
type Query struct {
	Text    Text
	Filters Filters
	Scope   []string
	Limit   int
	Offset  int
	// Facets are the facets to count (names of Facets).
	Facets []string
}

// ParseText splits what a user typed into words and phrases. Anything
// that is not a letter, a digit or a quote separates words; an unclosed
// quote runs to the end. The last word counts as a prefix when the text
// does not end with a separator.
func ParseText(raw string) (Text, error) {
	if utf8.RuneCountInString(raw) > MaxQueryRunes {
		return Text{}, ErrQueryTooLong
	}
	var t Text
	inPhrase := false
	for i, part := range strings.Split(raw, `"`) {
		inPhrase = i%2 == 1
		words := strings.FieldsFunc(strings.ToLower(part), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
		switch {
		case len(words) == 0:
		case inPhrase && len(words) > 1:
			t.Phrases = append(t.Phrases, strings.Join(words, " "))
		default:
			t.Words = append(t.Words, words...)
		}
	}
	if len(t.Words)+len(t.Phrases) > MaxTerms {
		return Text{}, ErrTooManyTerms
	}
	last, _ := utf8.DecodeLastRuneInString(raw)
	t.Prefix = len(t.Words) > 0 && !inPhrase && (unicode.IsLetter(last) || unicode.IsDigit(last)) &&
		utf8.RuneCountInString(t.Words[len(t.Words)-1]) >= MinPrefixRunes
	return t, nil
}

// Fuzziness is the number of typos tolerated in a word: none in short
// words (they would match nearly anything), one from 4 letters, two from 8.
func Fuzziness(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n < 4:
		return 0
	case n < 8:
		return 1
	default:
		return 2
	}
}

// Hit is one result with its highlighted snippets (HTML: the text
// escaped, matches in <mark>), by field.
type Hit struct {
	Doc        Doc
	Score      float64
	Highlights map[string][]string
}

// FacetValue is how many results have one value.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is a page of hits, the total and the counts per facet.
type Result struct {
	Total  uint64
	Hits   []Hit
	Facets map[string][]FacetValue
}
