package domain

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxEmojiBytes and maxEmojiRunes fit the longest standard sequences
// (couples with skin tones, flags of subdivisions) with room to spare, and
// stay within the 32 characters the reaction events' schema allows.
const (
	maxEmojiBytes = 64
	maxEmojiRunes = 16
)

// CheckEmoji returns a reaction's emoji in its stored form (NFC) or the
// problem with it: one emoji, possibly a sequence (skin tones, ZWJ
// families, flags, keycaps), and nothing else: no letters, digits alone,
// spaces or markup.
func CheckEmoji(raw string) (string, string) {
	s := norm.NFC.String(raw)
	switch {
	case s == "":
		return "", ProblemRequired
	case len(s) > maxEmojiBytes || !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxEmojiRunes:
		return "", ProblemInvalid
	}
	pictographs, keycapBases := 0, 0
	for _, r := range s {
		switch {
		case isPictograph(r):
			pictographs++
		case r == '\u20e3': // combining keycap: "1️⃣" is one emoji
			pictographs++
		case r == '\u200d', r == '\ufe0f', r == '\ufe0e':
			// joiner, variation selectors
		case r >= 0x1f3fb && r <= 0x1f3ff: // skin tone modifiers
		case r >= 0xe0020 && r <= 0xe007f: // tag characters (subdivision flags)
		case r == '#', r == '*', r >= '0' && r <= '9': // keycap bases
			keycapBases++
		default:
			return "", ProblemInvalid
		}
	}
	if pictographs == 0 || keycapBases > 1 {
		return "", ProblemInvalid
	}
	return s, ""
}

// isPictograph reports the symbol code points emoji are made of.
func isPictograph(r rune) bool {
	switch {
	case r >= 0x1f000 && r <= 0x1faff: // emoticons, symbols and pictographs, transport, flags
	case r >= 0x2600 && r <= 0x27bf: // miscellaneous symbols, dingbats
	case r >= 0x2300 && r <= 0x23ff: // technical (watch, hourglass)
	case r >= 0x2b00 && r <= 0x2bff: // arrows and stars
	case r >= 0x2190 && r <= 0x21ff, r == 0x203c, r == 0x2049, r == 0x2122, r == 0x2139:
	case r == 0x00a9, r == 0x00ae, r == 0x3030, r == 0x303d, r == 0x3297, r == 0x3299:
	default:
		return unicode.Is(unicode.So, r) && r > 0x2000
	}
	return true
}
