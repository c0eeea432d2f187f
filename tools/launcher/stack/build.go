package stack

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// MailpitModule is the Mailpit version the launcher installs into .bin.
const MailpitModule = "github.com/axllent/mailpit@v1.33.1"

// build makes sure every binary exists, one build at a time (the machine
// is shared; parallel heavy builds starve everything else):
//   - daprd, placement, scheduler, sentry: tools/sidecar/build.sh, only when
//     one is missing or daprd was built from other sources of tools/sidecar
//     (a cold build takes minutes);
//   - Mailpit: `go install` into .bin when missing;
//   - the apps whose command is `go run .`: one `go build -o .bin/` of all
//     of them, always (incremental, so quick when nothing changed).
//
// The launcher runs the built binary instead of `go run .`: `go run` would
// compile each app separately at start (twelve compilers at once on two
// cores), and would sit between the launcher and the app, so a kill of the
// process the launcher holds would not reach the app itself.
func (s *Stack) build(ctx context.Context) error {
	var missing []string
	for _, b := range []string{"daprd", "placement", "scheduler", "sentry"} {
		if !isFile(filepath.Join(s.bin, b)) || (b == "daprd" && !s.sidecarCurrent()) {
			missing = append(missing, b)
		}
	}
	if len(missing) > 0 {
		s.con.say("building the Dapr sidecar and control plane (missing: %v)", missing)
		script := filepath.Join(s.root, "tools", "sidecar", "build.sh")
		if err := s.runTool(ctx, "sidecar", s.root, nil, "bash", script, s.bin); err != nil {
			return fmt.Errorf("build sidecar: %w", err)
		}
	}
	if !isFile(filepath.Join(s.bin, "mailpit")) {
		s.con.say("installing %s into %s", MailpitModule, s.bin)
		env := []string{"GOBIN=" + s.bin, "GOWORK=off"}
		if err := s.runTool(ctx, "mailpit", s.root, env, "go", "install", MailpitModule); err != nil {
			return fmt.Errorf("install Mailpit: %w", err)
		}
	}
	var pkgs []string
	for _, a := range s.apps {
		if s.opts.ControlPlaneOnly {
			break
		}
		if a.goPackage != "" {
			pkgs = append(pkgs, a.goPackage)
		}
	}
	if len(pkgs) == 0 {
		return nil
	}
	began := time.Now()
	args := append([]string{"build", "-o", s.bin + string(filepath.Separator)}, pkgs...)
	var env []string
	if work := filepath.Join(s.root, "go.work"); isFile(work) {
		env = append(env, "GOWORK="+work) // whatever the caller's GOWORK says
	}
	if err := s.runTool(ctx, "build", s.root, env, "go", args...); err != nil {
		return fmt.Errorf("build apps: %w", err)
	}
	s.con.say("built %d apps in %.1fs", len(pkgs), time.Since(began).Seconds())
	return nil
}

// runTool runs a build command with its output on the console.
func (s *Stack) runTool(ctx context.Context, name, dir string, env []string, path string, args ...string) error {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out := newLineWriter(func(l string) { s.con.line(name, 0, l) })
	cmd.Stdout, cmd.Stderr = out, out
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %v: %w", path, args, err)
	}
	return nil
}
