package stack

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// KillWithSidecar SIGKILLs an app and its sidecar, as when the node or
// pod they run on dies: nothing is flushed or acknowledged.
func (s *Stack) KillWithSidecar(appID string) error {
	a := s.byID[appID]
	if a == nil {
		return fmt.Errorf("kill: unknown app %q", appID)
	}
	var procs []*proc
	for _, p := range []*proc{a.appProc(), a.daprdProc()} {
		if p != nil && !p.exited() {
			procs = append(procs, p)
		}
	}
	if len(procs) == 0 {
		return fmt.Errorf("kill %s: not running", appID)
	}
	killAll(procs)
	return nil
}

// Restart starts an app's sidecar (when it is not running) and the app,
// and waits until both are ready. env entries replace the app's
// environment variables of the same names, for this start and later ones.
func (s *Stack) Restart(ctx context.Context, appID string, env map[string]string) error {
	a := s.byID[appID]
	if a == nil {
		return fmt.Errorf("restart: unknown app %q", appID)
	}
	if len(env) > 0 {
		a.mu.Lock()
		a.appEnv = overrideEnv(a.appEnv, env)
		a.mu.Unlock()
	}
	began := time.Now()
	if d := a.daprdProc(); d == nil || d.exited() {
		if err := s.startDaprd(a); err != nil {
			return err
		}
	}
	if err := s.startAppProcess(a); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	return s.waitReady(ctx, a, began)
}

func overrideEnv(list []string, env map[string]string) []string {
	out := make([]string, 0, len(list)+len(env))
	for _, kv := range list {
		k, _, _ := strings.Cut(kv, "=")
		if _, replaced := env[k]; !replaced {
			out = append(out, kv)
		}
	}
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}
