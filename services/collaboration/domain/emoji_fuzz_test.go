package domain

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCheckEmoji: whatever is accepted as a reaction fits the reaction
// events' schema (at most 32 characters) and carries no letter, space or
// markup that could end up in a page.
func FuzzCheckEmoji(f *testing.F) {
	for _, s := range []string{"👍", "👩‍💻", "🇵🇱", "1️⃣", "❤️", "<b>", "a", "👍 ", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, problem := CheckEmoji(raw)
		if problem != "" {
			return
		}
		if utf8.RuneCountInString(got) > 32 || strings.ContainsAny(got, "<>&\"' \t\nabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			t.Fatalf("accepted %q", got)
		}
	})
}
