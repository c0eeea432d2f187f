package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// usage is what one process (with everything in its process group, such
// as Postgres' backends) holds at one moment.
type usage struct {
	RSSKiB     int64 // resident memory
	OpenFiles  int   // file descriptors, sockets included
	Goroutines int   // go_goroutines from its metrics endpoint; -1 when it has none
	Procs      int   // processes in the group
}

// sampleGroup sums RSS and open files over the processes whose process
// group is pgid (every process the launcher starts leads its own group).
func sampleGroup(pgid int) usage {
	u := usage{Goroutines: -1}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || processGroup(pid) != pgid {
			continue
		}
		u.Procs++
		u.RSSKiB += rssKiB(pid)
		if fds, err := os.ReadDir(filepath.Join("/proc", e.Name(), "fd")); err == nil {
			u.OpenFiles += len(fds)
		}
	}
	return u
}

// processGroup reads field 5 of /proc/<pid>/stat (after the command name,
// which may hold spaces and is closed by the last ')').
func processGroup(pid int) int {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return -1
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 3 {
		return -1
	}
	g, _ := strconv.Atoi(f[2])
	return g
}

func rssKiB(pid int) int64 {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// goroutines reads go_goroutines from a Prometheus endpoint (-1 if none).
func goroutines(ctx context.Context, url string) int {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return -1
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(io.LimitReader(resp.Body, 8<<20))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		// go_goroutines 42, or with labels: go_goroutines{service="tasks"} 42
		line := sc.Text()
		rest, ok := strings.CutPrefix(line, "go_goroutines")
		if !ok || (!strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, "{")) {
			continue
		}
		f := strings.Fields(rest)
		if n, err := strconv.ParseFloat(f[len(f)-1], 64); err == nil {
			return int(n)
		}
	}
	return -1
}
