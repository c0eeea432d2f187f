package stack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// console interleaves whole lines from many processes on one writer, each
// prefixed with a padded name, coloured when the writer is a terminal.
type console struct {
	mu    sync.Mutex
	w     io.Writer
	color bool
	width int
}

var palette = []string{"36", "33", "32", "35", "34", "91", "96", "93", "92", "95", "94", "31"}

func newConsole(w io.Writer, width int) *console {
	return &console{w: w, color: isTerminal(w) && os.Getenv("NO_COLOR") == "", width: width}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// line writes one prefixed line; colour picks the palette entry.
func (c *console) line(name string, colour int, text string) {
	prefix := fmt.Sprintf("%-*s |", c.width, name)
	if c.color {
		prefix = "\033[" + palette[colour%len(palette)] + "m" + prefix + "\033[0m"
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.w, "%s %s\n", prefix, text)
}

// say writes a launcher message.
func (c *console) say(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if c.color {
		msg = "\033[1m" + msg + "\033[0m"
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintln(c.w, msg)
}

// lineWriter hands each complete line written to it to fn.
type lineWriter struct {
	mu  sync.Mutex
	buf []byte
	fn  func(string)
}

func newLineWriter(fn func(string)) *lineWriter { return &lineWriter{fn: fn} }

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.fn(strings.TrimRight(string(w.buf[:i]), "\r"))
		w.buf = w.buf[i+1:]
	}
	if len(w.buf) > 64<<10 { // a very long line without newline: flush it
		w.fn(string(w.buf))
		w.buf = w.buf[:0]
	}
	return len(p), nil
}

// daprLogLine is the part of a Dapr JSON log line the console shows.
type daprLogLine struct {
	Level string `json:"level"`
	Msg   string `json:"msg"`
	Scope string `json:"scope"`
}

// quietWarnings are Dapr warnings that are expected in every local run and
// stay in the log files only.
var quietWarnings = []string{
	"non-YAML",                              // a README.md in a resources folder
	"Graceful shutdown timeout is infinite", // daprd's actor runtime, always
	"User and password are empty",           // the SMTP binding on Mailpit (no auth)
}

// daprNotice returns the console text of a Dapr log line worth showing
// (warning, error, fatal) and whether to show it.
func daprNotice(raw string) (string, bool) {
	var l daprLogLine
	if err := json.Unmarshal([]byte(raw), &l); err != nil {
		return raw, strings.Contains(raw, "level=error") || strings.Contains(raw, "level=fatal") ||
			strings.Contains(raw, "level=warning")
	}
	switch l.Level {
	case "warning", "warn", "error", "fatal":
	default:
		return "", false
	}
	for _, q := range quietWarnings {
		if l.Level != "error" && l.Level != "fatal" && strings.Contains(l.Msg, q) {
			return "", false
		}
	}
	return fmt.Sprintf("%s %s (%s)", strings.ToUpper(l.Level), l.Msg, l.Scope), true
}

// tail returns the last n lines of a log file, for error messages.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
