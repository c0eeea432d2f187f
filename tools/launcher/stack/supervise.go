package stack

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"
)

// Restart backoff of supervised processes: the first restart waits
// restartMin, each further one twice as long up to restartMax; a process
// that ran for stableAfter before it died counts as a first failure again.
const (
	restartMin  = time.Second
	restartMax  = 30 * time.Second
	stableAfter = time.Minute
)

// restartReady bounds how long a process started again may take to serve.
// A sidecar or an app serves within a second or two; one still not ready
// after this is stuck (a sidecar hung in its initialisation keeps its
// ports and never answers), so it is killed and started anew.
const restartReady = 45 * time.Second

// part is one supervised process: how to find its current process, start
// it again (returning once it serves, within ready: restartReady if 0) and
// name it on the console.
type part struct {
	name    string
	current func() *proc
	start   func(ctx context.Context) error
	ready   time.Duration
}

// supervise watches pt while the stack runs (Options.Supervise): when its
// process dies it is started again after the backoff, until the stack
// stops. Every death and every return is said on the console.
func (s *Stack) supervise(pt part) {
	if !s.opts.Supervise {
		return
	}
	go func() {
		delay := restartMin
		for {
			p := pt.current()
			if p == nil {
				return
			}
			select {
			case <-p.done:
			case <-s.stopped:
				return
			}
			if time.Since(p.started) >= stableAfter {
				delay = restartMin
			}
			s.con.say("%s died (%v); starting it again in %s", pt.name, p.exitErr(), delay)
			for {
				select {
				case <-time.After(delay):
				case <-s.stopped:
					return
				}
				delay = min(delay*2, restartMax)
				began := time.Now()
				ready := pt.ready
				if ready == 0 {
					ready = restartReady
				}
				ctx, cancel := context.WithTimeout(context.Background(), ready)
				err := pt.start(ctx)
				cancel()
				if s.stopping.Load() {
					// Stop may have listed the processes before this one
					// started: it must not outlive the stack.
					if p := pt.current(); p != nil {
						killAll([]*proc{p})
					}
					return
				}
				if err == nil {
					s.mu.Lock()
					s.restarts[pt.name]++
					n := s.restarts[pt.name]
					s.mu.Unlock()
					s.con.say("%s is back after %.1fs (restart %d, pid %d)", pt.name, time.Since(began).Seconds(), n, pt.current().pid())
					break
				}
				// What this try started must not outlive it: a process that
				// runs without serving would hold the ports of the next try.
				if cur := pt.current(); cur != nil && cur != p && !cur.exited() {
					killAll([]*proc{cur})
				}
				s.con.say("%s did not start again (%v); next try in %s", pt.name, firstLine(err), delay)
			}
		}
	}()
}

// superviseApp supervises an app and its sidecar, each on its own: a dead
// sidecar is started again beside the running app and the other way round.
func (s *Stack) superviseApp(a *appRun) {
	s.supervise(part{name: a.id, current: a.appProc, start: func(ctx context.Context) error {
		if err := s.startAppProcess(a); err != nil {
			return err
		}
		return s.waitReady(ctx, a, time.Now())
	}})
	s.supervise(part{name: a.id + "-daprd", current: a.daprdProc, start: func(ctx context.Context) error {
		if err := s.startDaprd(a); err != nil {
			return err
		}
		return s.waitReady(ctx, a, time.Now())
	}})
}

// superviseServer supervises a control-plane server started by startServer.
func (s *Stack) superviseServer(name string, args []string, health, readyMsg string) {
	s.supervise(part{name: name, current: func() *proc { return s.current(name) }, start: func(ctx context.Context) error {
		return s.startServer(ctx, name, args, health, readyMsg)
	}, ready: 2 * time.Minute})
}

// superviseInfra supervises a private Postgres or Redis.
func (s *Stack) superviseInfra(name string, spec procSpec, addr string) {
	s.supervise(part{name: name, current: func() *proc { return s.current(name) }, start: func(ctx context.Context) error {
		return s.startInfra(ctx, name, spec, addr)
	}, ready: 2 * time.Minute})
}

// current is the latest process of a control-plane or infra part.
func (s *Stack) current(name string) *proc {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.named[name]
}

// Processes maps every running part of the stack to its process id: each
// app by its id, its sidecar as <id>-daprd, sentry, placement, scheduler,
// mailpit, and postgres and redis when they are private.
func (s *Stack) Processes() map[string]int {
	out := map[string]int{}
	add := func(name string, p *proc) {
		if p != nil && !p.exited() {
			out[name] = p.pid()
		}
	}
	for _, a := range s.apps {
		add(a.id, a.appProc())
		add(a.id+"-daprd", a.daprdProc())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for name, p := range s.named {
		add(name, p)
	}
	return out
}

// KillPart SIGKILLs one part of the stack (a name of Processes) with
// everything it started, as a crash would, and waits until it is gone.
// With Options.Supervise the stack starts it again.
func (s *Stack) KillPart(name string) error {
	var p *proc
	for _, a := range s.apps {
		switch name {
		case a.id:
			p = a.appProc()
		case a.id + "-daprd":
			p = a.daprdProc()
		}
	}
	if p == nil {
		p = s.current(name)
	}
	if p == nil || p.exited() {
		return fmt.Errorf("kill %s: not running", name)
	}
	killAll([]*proc{p})
	if !p.exited() {
		return fmt.Errorf("kill %s: still running", name)
	}
	return nil
}

// Restarts is how many times each part was started again by supervision.
func (s *Stack) Restarts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.restarts))
	for k, v := range s.restarts {
		out[k] = v
	}
	return out
}

// Parts lists the names Processes and KillPart know, sorted.
func (s *Stack) Parts() []string {
	names := make([]string, 0)
	for name := range s.Processes() {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// openLog opens a process's log file, appending when the process is
// started again (its earlier output stays), truncating otherwise.
func openLog(path string, again bool) (*os.File, error) {
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if !again {
		flags |= os.O_TRUNC
	}
	return os.OpenFile(path, flags, 0o644)
}

func firstLine(err error) string {
	msg := err.Error()
	for i, c := range msg {
		if c == '\n' {
			return msg[:i]
		}
	}
	return msg
}
