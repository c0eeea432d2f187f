package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/taskrocket/taskrocket/tools/bench/proc"
	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// On a two-core machine CPU is what runs out first, so each step also
// records the CPU time every part of the stack spent, per request. It is
// read from /proc (Linux); elsewhere the numbers are simply absent.

// clockTick is the unit of /proc CPU times.
const clockTick = proc.ClockTick

// Component names of the processes that are not an app or a sidecar.
const (
	cpuControlPlane = "control plane"
	cpuRedis        = "redis"
	cpuPostgres     = "postgres*" // the whole server: other users' queries included
	cpuClient       = "load client"
	cpuOther        = "rest of machine"
)

// cpuSampler knows the stack's processes by pid.
type cpuSampler struct {
	procs map[int]string // pid -> component (app id, "<app>-dapr", ...)
}

// cpuSample is the CPU time used so far, by component, and by the whole
// machine.
type cpuSample struct {
	by      map[string]time.Duration
	machine time.Duration // busy time of all cores
	at      time.Time
}

// newCPUSampler finds the processes of st: each app by its binary and its
// port, each daprd by its app id and its configuration under the data
// folder, the control plane and private Redis by their working folder.
func newCPUSampler(st *stack.Stack, root, dataDir string) *cpuSampler {
	s := &cpuSampler{procs: map[int]string{os.Getpid(): cpuClient}}
	apps := st.AppIDs()
	for _, pid := range pids() {
		args := cmdline(pid)
		if len(args) == 0 {
			continue
		}
		bin := filepath.Base(args[0])
		cwd, _ := os.Readlink(filepath.Join("/proc", strconv.Itoa(pid), "cwd"))
		switch {
		case bin == "daprd" && slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, dataDir+"/") }):
			if i := slices.Index(args, "--app-id"); i >= 0 && i+1 < len(args) {
				s.procs[pid] = args[i+1] + "-dapr"
			}
		case slices.Contains(apps, bin) && args[0] == filepath.Join(root, ".bin", bin) &&
			hasEnv(pid, "APP_PORT="+strconv.Itoa(st.Ports(bin).App)):
			s.procs[pid] = bin
		case cwd == dataDir && bin == "redis-server":
			s.procs[pid] = cpuRedis
		case cwd == dataDir:
			s.procs[pid] = cpuControlPlane
		}
	}
	return s
}

// sample reads the CPU time of the known processes, of every Postgres
// process, and of the machine.
func (s *cpuSampler) sample() cpuSample {
	out := cpuSample{by: map[string]time.Duration{}, at: time.Now()}
	for pid, name := range s.procs {
		if st, ok := proc.CPU(pid); ok {
			out.by[name] += st.Self
		}
	}
	// A Postgres backend that exits takes its CPU time with it, into the
	// server process's children time: count both, or connection churn
	// would move Postgres work into "rest of machine".
	for _, pid := range pids() {
		if st, ok := proc.CPU(pid); ok && st.Comm == "postgres" {
			out.by[cpuPostgres] += st.Self + st.Children
		}
	}
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		out.machine, _ = machineBusy(string(b))
	}
	return out
}

// cpuPerRequest is the CPU milliseconds each component spent per request
// between two samples, the rest of the machine included, and how many
// cores were busy on average.
func cpuPerRequest(a, b cpuSample, requests int) (perReq map[string]float64, busyCores float64) {
	if requests <= 0 || b.machine == 0 {
		return nil, 0
	}
	perReq = map[string]float64{}
	var known time.Duration
	for name, t := range b.by {
		d := max(t-a.by[name], 0)
		known += d
		perReq[name] = msPer(d, requests)
	}
	busy := max(b.machine-a.machine, 0)
	perReq[cpuOther] = msPer(max(busy-known, 0), requests)
	if wall := b.at.Sub(a.at); wall > 0 {
		busyCores = busy.Seconds() / wall.Seconds()
	}
	return perReq, busyCores
}

func msPer(d time.Duration, n int) float64 {
	return float64(d) / float64(time.Millisecond) / float64(n)
}

// machineBusy parses /proc/stat: the time all cores spent not idle.
func machineBusy(stat string) (time.Duration, bool) {
	line, _, _ := strings.Cut(stat, "\n")
	f := strings.Fields(line)
	if len(f) < 5 || f[0] != "cpu" {
		return 0, false
	}
	var busy int64
	for i, v := range f[1:] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, false
		}
		// user nice system idle iowait irq softirq steal guest guest_nice:
		// idle, iowait and steal are not this machine working; guest time
		// is already in user time.
		if i != 3 && i != 4 && i < 7 {
			busy += n
		}
	}
	return time.Duration(busy) * clockTick, true
}

func pids() []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		if pid, err := strconv.Atoi(e.Name()); err == nil {
			out = append(out, pid)
		}
	}
	return out
}

func cmdline(pid int) []string {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	if err != nil || len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
}

func hasEnv(pid int, kv string) bool {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "environ"))
	if err != nil {
		return false
	}
	return slices.Contains(strings.Split(string(b), "\x00"), kv)
}
