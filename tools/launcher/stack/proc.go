package stack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"syscall"
	"time"
)

// procSpec describes one child process.
type procSpec struct {
	Name       string
	Path       string
	Args       []string
	Dir        string
	Env        []string
	Out        io.Writer           // stdout and stderr
	StopSignal syscall.Signal      // first signal on stop; SIGTERM if zero
	Credential *syscall.Credential // run as another user (Postgres refuses root)
}

// proc is a running child. It has its own process group, so a Ctrl-C in
// the terminal reaches only the launcher, which then stops the children in
// order, and a signal to the group also reaches whatever the child started.
// Pdeathsig makes the kernel SIGKILL it if the launcher dies first.
type proc struct {
	name       string
	cmd        *exec.Cmd
	stopSignal syscall.Signal
	started    time.Time
	done       chan struct{}
	err        error // valid once done is closed
}

func startProc(spec procSpec) (*proc, error) {
	cmd := exec.Command(spec.Path, spec.Args...)
	cmd.Dir = spec.Dir
	cmd.Env = spec.Env
	cmd.Stdout, cmd.Stderr = spec.Out, spec.Out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL, Credential: spec.Credential}
	// Output copying must not outlive the process by long (a grandchild
	// holding the pipe would otherwise block Wait).
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", spec.Name, err)
	}
	p := &proc{name: spec.Name, cmd: cmd, stopSignal: spec.StopSignal, started: time.Now(), done: make(chan struct{})}
	if p.stopSignal == 0 {
		p.stopSignal = syscall.SIGTERM
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

func (p *proc) pid() int { return p.cmd.Process.Pid }

// exited reports whether the process has ended.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// exitErr describes how the process ended.
func (p *proc) exitErr() error {
	if p.err == nil {
		return fmt.Errorf("%s exited", p.name)
	}
	return fmt.Errorf("%s exited: %w", p.name, p.err)
}

// signal sends sig to the process group.
func (p *proc) signal(sig syscall.Signal) {
	if p.exited() {
		return
	}
	if err := syscall.Kill(-p.pid(), sig); err != nil && !errors.Is(err, syscall.ESRCH) {
		_ = p.cmd.Process.Signal(sig)
	}
}

// stopProcs asks every process to stop, waits up to grace (or until ctx is
// done), then kills what is left and waits for it.
func stopProcs(ctx context.Context, grace time.Duration, procs ...*proc) {
	live := make([]*proc, 0, len(procs))
	for _, p := range procs {
		if p != nil && !p.exited() {
			p.signal(p.stopSignal)
			live = append(live, p)
		}
	}
	if len(live) == 0 {
		return
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	for _, p := range live {
		select {
		case <-p.done:
		case <-timer.C:
			killAll(live)
			return
		case <-ctx.Done():
			killAll(live)
			return
		}
	}
}

// killAll SIGKILLs each process group and waits briefly for the exits.
func killAll(procs []*proc) {
	for _, p := range procs {
		p.signal(syscall.SIGKILL)
	}
	deadline := time.After(3 * time.Second)
	for _, p := range procs {
		select {
		case <-p.done:
		case <-deadline:
			return
		}
	}
}
