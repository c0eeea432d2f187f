package stack

import (
	"context"
	"fmt"
	"time"
)

// KillWithSidecar SIGKILLs an app and its daprd, as the loss of their
// machine would: nothing either had in flight is finished.
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

// StartWithSidecar starts an app's daprd and the app again (after
// KillWithSidecar) and waits until both are ready.
func (s *Stack) StartWithSidecar(ctx context.Context, appID string) error {
	a := s.byID[appID]
	if a == nil {
		return fmt.Errorf("start: unknown app %q", appID)
	}
	if d := a.daprdProc(); d != nil && !d.exited() {
		return fmt.Errorf("start %s: its sidecar is running", appID)
	}
	began := time.Now()
	if err := s.startDaprd(a); err != nil {
		return err
	}
	if err := s.startAppProcess(a); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	return s.waitReady(ctx, a, began)
}
