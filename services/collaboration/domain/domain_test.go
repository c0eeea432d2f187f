package domain

import (
	"strings"
	"testing"
)

func TestCheckEmoji(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want, problem string
	}{
		{"thumbs-up", "👍", "👍", ""},
		{"skin-tone", "👍🏽", "👍🏽", ""},
		{"zwj-sequence", "👩‍💻", "👩‍💻", ""},
		{"flag", "🇵🇱", "🇵🇱", ""},
		{"keycap", "1️⃣", "1️⃣", ""},
		{"heart-with-selector", "❤️", "❤️", ""},
		{"empty", "", "", ProblemRequired},
		{"letters", "ok", "", ProblemInvalid},
		{"digit-alone", "1", "", ProblemInvalid},
		{"emoji-and-space", "👍 ", "", ProblemInvalid},
		{"markup", "<b>", "", ProblemInvalid},
		{"too-long", strings.Repeat("👍", 17), "", ProblemInvalid},
		{"keycap-run", "1234567890#*\u20e3", "", ProblemInvalid},
		{"couple-with-skin-tones", "👨🏻\u200d❤️\u200d💋\u200d👨🏼", "👨🏻\u200d❤️\u200d💋\u200d👨🏼", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, p := CheckEmoji(tc.in)
			if got != tc.want || p != tc.problem {
				t.Fatalf("CheckEmoji(%q) = %q, %q; want %q, %q", tc.in, got, p, tc.want, tc.problem)
			}
		})
	}
}

func TestMentionsAreFoundOutsideCodeOnly(t *testing.T) {
	t.Parallel()
	md := NewMarkdown()
	tests := []struct {
		name, body string
		want       []string
	}{
		{"plain", "hi @Ada and @grace.", []string{"ada", "grace"}},
		{"repeated-once", "@ada @ADA @ada", []string{"ada"}},
		{"email-is-not-a-mention", "write to ada@example.com", nil},
		{"code-span", "see `@ada`", nil},
		{"code-block", "```\n@ada\n```", nil},
		{"too-short", "@ab", nil},
		{"trailing-dash-ends-name", "thanks @grace-", []string{"grace"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := md.Mentions(tc.body); strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("Mentions(%q) = %v, want %v", tc.body, got, tc.want)
			}
		})
	}
}

func TestRenderMarksMembersOnly(t *testing.T) {
	t.Parallel()
	md := NewMarkdown()
	html, ids := md.Render("@ada meet @eve", map[string]string{"ada": "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d"})
	if len(ids) != 1 || ids[0] != "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d" {
		t.Fatalf("ids %v", ids)
	}
	if !strings.Contains(html, `<span class="mention" data-user-id="0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d">@ada</span>`) ||
		strings.Contains(html, `>@eve<`) || !strings.Contains(html, "@eve") {
		t.Fatalf("html %s", html)
	}
}

func TestReactionsOnePerPersonPerEmoji(t *testing.T) {
	t.Parallel()
	var c Comment
	if ok, _ := c.AddReaction("u1", "👍"); !ok {
		t.Fatal("first reaction")
	}
	if ok, _ := c.AddReaction("u1", "👍"); ok {
		t.Fatal("a second identical reaction counted")
	}
	if !c.RemoveReaction("u1", "👍") || len(c.Reactions) != 0 {
		t.Fatalf("remove: %+v", c.Reactions)
	}
	if c.RemoveReaction("u1", "👍") {
		t.Fatal("removed a reaction that was not there")
	}
}
