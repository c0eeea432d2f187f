package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/taskrocket/taskrocket/tools/launcher/stack"
)

// With -profile SCENARIO:RATE the stack serves pprof (stack.Options.Profile)
// and the bench takes a CPU profile of every app and every sidecar while
// the gateway step of that scenario at that rate runs, into
// <out>/profiles/<app>.pprof and <app>-dapr.pprof:
//
//	go tool pprof -top bench/out/profiles/tasks-dapr.pprof

// profileTarget is the step to profile.
type profileTarget struct {
	Scenario string
	Rate     int
}

func parseProfileTarget(s string) (profileTarget, error) {
	if s == "" {
		return profileTarget{}, nil
	}
	name, rate, ok := strings.Cut(s, ":")
	n, err := strconv.Atoi(rate)
	if !ok || err != nil || n <= 0 || name == "" {
		return profileTarget{}, fmt.Errorf("%q: want SCENARIO:RATE, e.g. list-first-page:100", s)
	}
	return profileTarget{Scenario: name, Rate: n}, nil
}

// profileStep starts CPU profiles of every app and sidecar of st for d and
// returns a function that waits for them and writes them to dir.
func profileStep(ctx context.Context, st *stack.Stack, dir string, d time.Duration) func() error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	client := &http.Client{Timeout: d + 30*time.Second}
	secs := strconv.Itoa(max(1, int(d.Seconds())))
	for _, app := range st.AppIDs() {
		pp := st.Profile(app)
		for name, port := range map[string]int{app: pp.App, app + "-dapr": pp.Sidecar} {
			if port == 0 {
				continue
			}
			wg.Go(func() {
				err := fetchProfile(ctx, client, "http://127.0.0.1:"+strconv.Itoa(port)+"/debug/pprof/profile?seconds="+secs,
					filepath.Join(dir, name+".pprof"))
				if err != nil {
					mu.Lock()
					errs = append(errs, fmt.Errorf("profile %s: %w", name, err))
					mu.Unlock()
				}
			})
		}
	}
	return func() error {
		wg.Wait()
		return errors.Join(errs...)
	}
}

func fetchProfile(ctx context.Context, c *http.Client, url, file string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
