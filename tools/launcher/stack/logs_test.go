package stack

import (
	"slices"
	"strings"
	"testing"
)

func TestDaprNoticeShowsWarningsAndErrorsOnly(t *testing.T) {
	for name, tc := range map[string]struct {
		line string
		show bool
		want string
	}{
		"info-hidden":  {`{"level":"info","msg":"Component loaded","scope":"dapr.runtime"}`, false, ""},
		"warning":      {`{"level":"warning","msg":"retrying","scope":"dapr.runtime"}`, true, "WARNING retrying (dapr.runtime)"},
		"fatal":        {`{"level":"fatal","msg":"boom","scope":"dapr.runtime"}`, true, "FATAL boom (dapr.runtime)"},
		"readme-quiet": {`{"level":"warning","msg":"A non-YAML Component file README.md was detected"}`, false, ""},
		"plain-error":  {`time=x level=error msg="no json"`, true, `time=x level=error msg="no json"`},
		"plain-info":   {`2026/01/01 something`, false, ""},
	} {
		t.Run(name, func(t *testing.T) {
			got, show := daprNotice(tc.line)
			if show != tc.show || (show && got != tc.want) {
				t.Fatalf("got %q %v, want %q %v", got, show, tc.want, tc.show)
			}
		})
	}
}

func TestLineWriterHandsOverWholeLines(t *testing.T) {
	var lines []string
	w := newLineWriter(func(l string) { lines = append(lines, l) })
	for _, chunk := range []string{"one\r\ntw", "o\nthr", "ee\n", "partial"} {
		if _, err := w.Write([]byte(chunk)); err != nil {
			t.Fatal(err)
		}
	}
	if want := []string{"one", "two", "three"}; !slices.Equal(lines, want) {
		t.Fatalf("lines %q, want %q", lines, want)
	}
}

func TestConsolePadsNamesAndColoursOnlyTerminals(t *testing.T) {
	var b strings.Builder
	c := newConsole(&b, 9)
	c.line("users", 1, "hello")
	if b.String() != "users     | hello\n" {
		t.Fatalf("got %q", b.String())
	}
}
