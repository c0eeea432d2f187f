// Package proc reads the CPU time of a process from /proc/<pid>/stat
// (Linux): what the benchmarks charge to each part of the stack.
package proc

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ClockTick is the unit of /proc CPU times (USER_HZ, 100 on every Linux
// this runs on).
const ClockTick = 10 * time.Millisecond

// Times is what is read of /proc/<pid>/stat.
type Times struct {
	Comm     string
	Self     time.Duration // user + system
	Children time.Duration // user + system of exited, waited-for children
}

// Parse reads one /proc/<pid>/stat line.
func Parse(line string) (Times, bool) {
	open, end := strings.IndexByte(line, '('), strings.LastIndexByte(line, ')')
	if open < 0 || end < open {
		return Times{}, false
	}
	f := strings.Fields(line[end+1:]) // f[0] is field 3 (state); utime is field 14
	if len(f) < 15 {
		return Times{}, false
	}
	var ticks [4]int64 // utime stime cutime cstime
	for i := range ticks {
		n, err := strconv.ParseInt(f[11+i], 10, 64)
		if err != nil {
			return Times{}, false
		}
		ticks[i] = n
	}
	return Times{
		Comm:     line[open+1 : end],
		Self:     time.Duration(ticks[0]+ticks[1]) * ClockTick,
		Children: time.Duration(ticks[2]+ticks[3]) * ClockTick,
	}, true
}

// CPU reads the CPU times of a running process.
func CPU(pid int) (Times, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return Times{}, false
	}
	return Parse(string(b))
}

// LoadAverage is the machine's load average over 1, 5 and 15 minutes
// ("1.06 4.61 8.11"; "?" where unknown).
func LoadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(raw))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
