package domain

import (
	"strings"
	"testing"
)

type normalizeCase struct {
	name, in, want, problem string
}

func runNormalize(t *testing.T, fn func(string) (string, string), cases []normalizeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, problem := fn(tc.in)
			if problem != tc.problem || got != tc.want {
				t.Fatalf("%q -> (%q, %q), want (%q, %q)", tc.in, got, problem, tc.want, tc.problem)
			}
		})
	}
}

func TestNormalizeEmail(t *testing.T) {
	t.Parallel()
	runNormalize(t, NormalizeEmail, []normalizeCase{
		{"lower-cased", " Ada.Lovelace+tr@Example.COM ", "ada.lovelace+tr@example.com", ""},
		{"apostrophe-allowed", "o'brien@example.ie", "o'brien@example.ie", ""},
		{"subdomain", "ada@mail.example.co.uk", "ada@mail.example.co.uk", ""},
		{"empty-required", "  ", "", "required"},
		{"no-at", "ada.example.com", "", "invalid"},
		{"no-local", "@example.com", "", "invalid"},
		{"no-domain", "ada@", "", "invalid"},
		{"undotted-domain", "ada@localhost", "", "invalid"},
		{"display-name-form", "Ada <ada@example.com>", "", "invalid"},
		{"quoted-local", `"ada"@example.com`, "", "invalid"},
		{"double-dot-domain", "ada@example..com", "", "invalid"},
		{"double-dot-local", "ada..l@example.com", "", "invalid"},
		{"underscore-domain", "ada@exa_mple.com", "", "invalid"},
		{"hyphen-edge-label", "ada@-example.com", "", "invalid"},
		{"two-ats", "ada@b@example.com", "", "invalid"},
		{"space-inside", "ada l@example.com", "", "invalid"},
		{"non-ascii", "adá@example.com", "", "invalid"},
		{"zero-width", "ada\u200b@example.com", "", "invalid"},
		{"rtl-override", "ada\u202e@example.com", "", "invalid"},
		{"sql-metacharacters", "ada'--;DROP TABLE users@example.com", "", "invalid"},
		{"local-too-long", strings.Repeat("a", 65) + "@example.com", "", "invalid"},
		{"too-long", strings.Repeat("a", 60) + "@" + strings.Repeat("b", 190) + ".com", "", "too_long"},
	})
}

func TestNormalizeUsername(t *testing.T) {
	t.Parallel()
	runNormalize(t, NormalizeUsername, []normalizeCase{
		{"lower-cased", "Ada_L.dev-1", "ada_l.dev-1", ""},
		{"min-length", "ada", "ada", ""},
		{"max-length", strings.Repeat("a", 32), strings.Repeat("a", 32), ""},
		{"empty-required", "", "", "required"},
		{"too-short", "ab", "", "invalid"},
		{"too-long", strings.Repeat("a", 33), "", "invalid"},
		{"leading-underscore", "_ada", "", "invalid"},
		{"leading-dot", ".ada", "", "invalid"},
		{"space", "ada l", "", "invalid"},
		{"surrounding-space", " ada ", "", "invalid"},
		{"kelvin-sign-folds-to-k", "\u212Aate", "", "invalid"},
		{"cyrillic-a", "\u0430da", "", "invalid"},
		{"zero-width-space", "ada\u200b", "", "invalid"},
		{"zero-width-joiner", "a\u200dda", "", "invalid"},
		{"rtl-override", "ada\u202egnp", "", "invalid"},
		{"fullwidth", "ＡＤＡ", "", "invalid"},
		{"sql-quote", "ada'--", "", "invalid"},
		{"sql-semicolon", "ada;drop", "", "invalid"},
		{"newline", "ada\n", "", "invalid"},
	})
}

func TestNormalizeDisplayName(t *testing.T) {
	t.Parallel()
	runNormalize(t, NormalizeDisplayName, []normalizeCase{
		{"trimmed", "  Ada Lovelace \t", "Ada Lovelace", ""},
		{"nfc", "Zoe\u0301", "Zoé", ""},
		{"emoji-zwj-sequence", "Ada 👩\u200d💻", "Ada 👩\u200d💻", ""},
		{"max-runes-multibyte", strings.Repeat("ż", 100), strings.Repeat("ż", 100), ""},
		{"sql-is-just-text", "Robert'); DROP TABLE users;--", "Robert'); DROP TABLE users;--", ""},
		{"empty-required", "   ", "", "required"},
		{"too-long", strings.Repeat("ż", 101), "", "too_long"},
		{"control-char", "Ada\x00Lovelace", "", "invalid"},
		{"newline", "Ada\nLovelace", "", "invalid"},
		{"rtl-override", "\u202eecalevol ada", "", "invalid"},
		{"rtl-isolate", "Ada\u2067x", "", "invalid"},
		{"zero-width-space", "Ada\u200bL", "", "invalid"},
		{"bom", "\ufeffAda", "", "invalid"},
		{"line-separator", "Ada\u2028L", "", "invalid"},
		{"only-joiners", "\u200d\u200d", "", "invalid"},
	})
}

func TestNormalizeTimezone(t *testing.T) {
	t.Parallel()
	runNormalize(t, NormalizeTimezone, []normalizeCase{
		{"utc", "UTC", "UTC", ""},
		{"region", "Europe/Warsaw", "Europe/Warsaw", ""},
		{"three-levels", "America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires", ""},
		{"etc-offset", "Etc/GMT+5", "Etc/GMT+5", ""},
		{"empty-required", "", "", "required"},
		{"local-refused", "Local", "", "invalid"},
		{"unknown", "Mars/Olympus_Mons", "", "invalid"},
		{"path-traversal", "../../etc/passwd", "", "invalid"},
		{"absolute-path", "/etc/localtime", "", "invalid"},
		{"nul", "UTC\x00", "", "invalid"},
		{"too-long", strings.Repeat("A", 65), "", "too_long"},
	})
}

func TestNormalizeLocale(t *testing.T) {
	t.Parallel()
	runNormalize(t, NormalizeLocale, []normalizeCase{
		{"language", "en", "en", ""},
		{"region", "pt-BR", "pt-BR", ""},
		{"canonical-case", "en-us", "en-US", ""},
		{"underscore", "en_GB", "en-GB", ""},
		{"script", "zh-Hant-TW", "zh-Hant-TW", ""},
		{"empty-required", "", "", "required"},
		{"punctuation", "en!", "", "invalid"},
		{"malformed", "x", "", "invalid"},
		{"space", "en US", "", "invalid"},
		{"too-long", strings.Repeat("a", 36), "", "too_long"},
	})
}

func TestNormalizeAvatarURL(t *testing.T) {
	t.Parallel()
	long := "https://cdn.example.com/" + strings.Repeat("a", MaxAvatarURLBytes)
	runNormalize(t, NormalizeAvatarURL, []normalizeCase{
		{"empty-clears", "", "", ""},
		{"https", "https://cdn.example.com/a.png", "https://cdn.example.com/a.png", ""},
		{"http-with-query", "http://img.example.org/a?s=64", "http://img.example.org/a?s=64", ""},
		{"javascript", "javascript:alert(1)", "", "invalid"},
		{"data", "data:image/png;base64,AAAA", "", "invalid"},
		{"ftp", "ftp://example.com/a.png", "", "invalid"},
		{"relative", "/avatars/a.png", "", "invalid"},
		{"no-host", "https:///a.png", "", "invalid"},
		{"credentials", "https://user:pw@example.com/a.png", "", "invalid"},
		{"space", "https://example.com/a b.png", "", "invalid"},
		{"non-ascii", "https://example.com/ä.png", "", "invalid"},
		{"too-long", long, "", "too_long"},
	})
}
