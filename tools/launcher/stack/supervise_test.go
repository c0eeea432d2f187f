package stack

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a console writer safe for the supervisor's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// A supervised process that dies is started again after the backoff, which
// doubles while it keeps dying, and the console says so each time; nothing
// is started again once the stack stops.
func TestSupervisorStartsADeadProcessAgainWithBackoff(t *testing.T) {
	t.Parallel()
	out := &syncBuffer{}
	s := &Stack{opts: Options{Supervise: true}, con: newConsole(out, 8), named: map[string]*proc{},
		restarts: map[string]int{}, stopped: make(chan struct{})}
	starts := make(chan time.Time, 10)
	start := func(context.Context) error {
		p, err := startProc(procSpec{Name: "sleeper", Path: "sleep", Args: []string{"60"}, Out: out})
		if err != nil {
			return err
		}
		s.mu.Lock()
		s.named["sleeper"] = p
		s.mu.Unlock()
		starts <- time.Now()
		return nil
	}
	if err := start(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-starts
	s.supervise(part{name: "sleeper", current: func() *proc { return s.current("sleeper") }, start: start})

	restartedAfter := func() time.Duration {
		t.Helper()
		killed := time.Now()
		if err := s.KillPart("sleeper"); err != nil {
			t.Fatal(err)
		}
		select {
		case at := <-starts:
			return at.Sub(killed)
		case <-time.After(10 * time.Second):
			t.Fatalf("not started again; console:\n%s", out)
			return 0
		}
	}
	first := restartedAfter()
	second := restartedAfter()
	if first < restartMin || second < 2*restartMin {
		t.Fatalf("started again after %v, then %v: want at least %v, then twice that", first, second, restartMin)
	}
	console := out.String()
	for _, want := range []string{"sleeper died (sleeper exited: signal: killed); starting it again in 1s",
		"starting it again in 2s", "sleeper is back after", "(restart 2, pid "} {
		if !strings.Contains(console, want) {
			t.Errorf("console lacks %q:\n%s", want, console)
		}
	}
	if got := s.Restarts()["sleeper"]; got != 2 {
		t.Errorf("Restarts = %d, want 2", got)
	}

	// Once the stack stops, a death is final.
	s.stopping.Store(true)
	close(s.stopped)
	if err := s.KillPart("sleeper"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-starts:
		t.Fatal("started again after the stack stopped")
	case <-time.After(3 * restartMin):
	}
}

// A process started again that never becomes ready (a sidecar hung in its
// initialisation) is killed when its readiness deadline passes, and the
// next try starts a fresh one: the hung one would hold its ports.
func TestSupervisorKillsARestartThatNeverBecomesReady(t *testing.T) {
	t.Parallel()
	out := &syncBuffer{}
	s := &Stack{opts: Options{Supervise: true}, con: newConsole(out, 8), named: map[string]*proc{},
		restarts: map[string]int{}, stopped: make(chan struct{})}
	defer func() {
		s.stopping.Store(true)
		close(s.stopped)
		if p := s.current("sleeper"); p != nil {
			killAll([]*proc{p})
		}
	}()
	var (
		mu    sync.Mutex
		tries []*proc
	)
	start := func(ctx context.Context) error {
		p, err := startProc(procSpec{Name: "sleeper", Path: "sleep", Args: []string{"60"}, Out: out})
		if err != nil {
			return err
		}
		s.mu.Lock()
		s.named["sleeper"] = p
		s.mu.Unlock()
		mu.Lock()
		tries = append(tries, p)
		n := len(tries)
		mu.Unlock()
		if n == 2 { // the first restart hangs: it never serves
			<-ctx.Done()
			return ctx.Err()
		}
		return nil
	}
	if err := start(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.supervise(part{name: "sleeper", current: func() *proc { return s.current("sleeper") }, start: start, ready: 300 * time.Millisecond})
	if err := s.KillPart("sleeper"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for s.Restarts()["sleeper"] < 1 {
		if time.Now().After(deadline) {
			t.Fatalf("not back; console:\n%s", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
	mu.Lock()
	hung, fresh := tries[1], tries[len(tries)-1]
	mu.Unlock()
	if !hung.exited() {
		t.Fatalf("the restart that never became ready still runs (pid %d)", hung.pid())
	}
	if fresh == hung || fresh.exited() {
		t.Fatalf("no fresh process after the hung one; console:\n%s", out)
	}
	if !strings.Contains(out.String(), "sleeper did not start again (context deadline exceeded)") {
		t.Errorf("console does not say the hung try failed:\n%s", out)
	}
}
