package ical

import (
	"io"
	"strings"
	"unicode/utf8"
)

// maxLineOctets is the longest content line RFC 5545 allows, without the
// CRLF; longer lines are folded: CRLF and one space, then the rest.
const maxLineOctets = 75

// param is one property parameter (TZID=Europe/Warsaw).
type param struct{ name, value string }

// lineWriter writes content lines, folded, and keeps the first error.
type lineWriter struct {
	w   io.Writer
	err error
}

// prop writes NAME;PARAM=...:value. The value must already be in its
// value type's form (TEXT escaped with escapeText).
func (lw *lineWriter) prop(name string, value string, params ...param) {
	var b strings.Builder
	b.WriteString(name)
	for _, p := range params {
		b.WriteString(";" + p.name + "=" + paramValue(p.value))
	}
	b.WriteString(":" + value)
	lw.write(fold(b.String()))
}

func (lw *lineWriter) text(name, value string, params ...param) {
	lw.prop(name, escapeText(value), params...)
}

func (lw *lineWriter) write(s string) {
	if lw.err == nil {
		_, lw.err = io.WriteString(lw.w, s)
	}
}

// fold splits a content line into lines of at most 75 octets (the
// continuation's leading space included), never inside a UTF-8 sequence,
// each ended by CRLF.
func fold(line string) string {
	var b strings.Builder
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut] + "\r\n ")
		line = line[cut:]
		limit = maxLineOctets - 1
	}
	b.WriteString(line + "\r\n")
	return b.String()
}

// escapeText is a TEXT value: backslash, semicolon and comma escaped,
// line breaks as \n, other control characters dropped.
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteRune('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t' || r >= 0x20 && r != 0x7f:
			if r != utf8.RuneError {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// paramValue quotes a parameter value holding a colon, semicolon or
// comma; double quotes and control characters cannot be written in one
// and are dropped.
func paramValue(s string) string {
	var b strings.Builder
	quote := false
	for _, r := range s {
		switch {
		case r == '"' || r < 0x20 && r != '\t' || r == 0x7f || r == utf8.RuneError:
			continue
		case r == ':' || r == ';' || r == ',':
			quote = true
		}
		b.WriteRune(r)
	}
	if quote {
		return `"` + b.String() + `"`
	}
	return b.String()
}
