package proc

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseReadsNameAndCPU(t *testing.T) {
	t.Parallel()
	// utime 250, stime 50, cutime 70, cstime 30 ticks; the name holds a
	// space and a parenthesis.
	line := "4242 (tasks (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 70 30 20 0 12 0 1000 0 0"
	got, ok := Parse(line)
	if !ok || got.Comm != "tasks (x) y" || got.Self != 3*time.Second || got.Children != time.Second {
		t.Errorf("Parse = %+v %v", got, ok)
	}
	if _, ok := Parse("4242 (short) S 1 2"); ok {
		t.Error("truncated stat accepted")
	}
}

func TestCPUOfThisProcess(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	if _, ok := CPU(os.Getpid()); !ok {
		t.Error("this process's times not read")
	}
}

func TestLoadAverageGivesThreeFigures(t *testing.T) {
	if _, err := os.Stat("/proc/loadavg"); err != nil {
		t.Skip("no /proc/loadavg here")
	}
	if f := strings.Fields(LoadAverage()); len(f) != 3 {
		t.Fatalf("LoadAverage() = %q, want the 1, 5 and 15 minute figures", LoadAverage())
	}
}
