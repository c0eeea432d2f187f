package stack

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// appRun is one app and its sidecar.
type appRun struct {
	id         string
	slot       int
	colour     int
	dir        string   // working directory
	command    []string // what runs (the built binary for `go run .`)
	goPackage  string   // ./services/<app> when the launcher builds it
	env        map[string]string
	resources  []string
	configSrc  string // Dapr Configuration the derived per-run copy is made from
	readyPath  string
	health     TemplateAppSpec // protocol and health-check settings
	ports      AppPorts
	apiToken   string // DAPR_API_TOKEN: app -> sidecar
	appToken   string // APP_API_TOKEN: sidecar -> app
	appEnv     []string
	daprdArgs  []string
	daprdEnv   []string
	appLogPath string

	mu       sync.Mutex
	app      *proc
	daprd    *proc
	appLog   *os.File
	daprdLog *os.File
}

// planApps turns the template (filtered by Only) and the extra apps into
// app runs and the base port layout. A template app keeps its slot, and so
// its ports, when others are left out.
func (s *Stack) planApps(t *RunTemplate) ([]*appRun, Layout, error) {
	known := map[string]bool{}
	for _, a := range t.Apps {
		known[a.ID] = true
	}
	for _, id := range s.opts.Only {
		if !known[id] {
			return nil, Layout{}, fmt.Errorf("--only: no app %q in %s", id, t.Path)
		}
	}
	layout := Layout{ControlPlane: BaseControlPlane(), Apps: map[string]AppPorts{}}
	var runs []*appRun
	for slot, spec := range t.Apps {
		if len(s.opts.Only) > 0 && !slices.Contains(s.opts.Only, spec.ID) {
			continue
		}
		a := &appRun{
			id: spec.ID, slot: slot, dir: spec.Dir, command: spec.Command, env: spec.Env,
			resources: spec.ResourcesPaths, configSrc: spec.ConfigFile, readyPath: "/readyz", health: spec,
		}
		if spec.CommonResources && len(s.opts.ResourcesPaths) > 0 {
			a.resources = absAll(s.opts.ResourcesPaths)
		}
		if IsGoRun(spec.Command) {
			rel, err := filepath.Rel(s.root, spec.Dir)
			if err != nil || strings.HasPrefix(rel, "..") {
				return nil, Layout{}, fmt.Errorf("%s: appDirPath %s is outside the repository", spec.ID, spec.Dir)
			}
			a.goPackage = "./" + filepath.ToSlash(rel)
			a.command = []string{filepath.Join(s.bin, filepath.Base(spec.Dir))}
		}
		runs = append(runs, a)
		layout.AppIDs = append(layout.AppIDs, a.id)
		layout.Apps[a.id] = spec.Ports
	}
	common := t.CommonResources
	if len(s.opts.ResourcesPaths) > 0 {
		common = absAll(s.opts.ResourcesPaths)
	}
	for i, x := range s.opts.ExtraApps {
		if x.ID == "" || x.Port <= 0 || len(x.Command) == 0 {
			return nil, Layout{}, fmt.Errorf("extra app %d: ID, Port and Command are required", i+1)
		}
		if known[x.ID] {
			return nil, Layout{}, fmt.Errorf("extra app %q: the template already has that app id", x.ID)
		}
		known[x.ID] = true
		slot := len(t.Apps) + i
		a := &appRun{
			id: x.ID, slot: slot, dir: firstNonEmpty(x.Dir, s.root), command: x.Command, env: x.Env,
			resources: append(slices.Clone(common), absAll(x.ResourcesPaths)...),
			configSrc: firstNonEmpty(x.ConfigFile, t.CommonConfig), readyPath: firstNonEmpty(x.ReadyPath, "/readyz"),
			health: TemplateAppSpec{Protocol: "http", HealthCheck: true, HealthPath: "/healthz", LogLevel: "info"},
		}
		if first := t.Apps; len(first) > 0 {
			h := first[0]
			a.health.HealthInterval, a.health.HealthTimeout, a.health.HealthThresh = h.HealthInterval, h.HealthTimeout, h.HealthThresh
		}
		runs = append(runs, a)
		layout.AppIDs = append(layout.AppIDs, a.id)
		layout.Apps[a.id] = SlotPorts(slot, x.Port)
	}
	if len(runs) == 0 {
		return nil, Layout{}, errors.New("no app to start")
	}
	for i, a := range runs {
		a.colour = i
		a.apiToken, a.appToken = newToken(), newToken()
	}
	return runs, layout, nil
}

// kill SIGKILLs the app process (only) and waits for it to be gone.
func (a *appRun) kill() error {
	p := a.appProc()
	if p == nil || p.exited() {
		return fmt.Errorf("kill %s: not running", a.id)
	}
	killAll([]*proc{p})
	return nil
}

func (a *appRun) appProc() *proc {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.app
}

func (a *appRun) daprdProc() *proc {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.daprd
}

func (a *appRun) closeLogs() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, f := range []*os.File{a.appLog, a.daprdLog} {
		if f != nil {
			_ = f.Close()
		}
	}
}

func newToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // never fails (crypto/rand panics instead)
	return hex.EncodeToString(b)
}

func absAll(paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			out = append(out, abs)
		} else {
			out = append(out, p)
		}
	}
	return out
}
