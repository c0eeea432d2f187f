package stack

import (
	"strconv"
	"strings"
)

// Profiling (Options.Profile) makes every sidecar serve Go's pprof
// (daprd --enable-profiling) and every app too (<APP>_PPROF_ADDR, served
// by services/platform/service), on loopback ports beside the metrics
// ports: sidecar of slot i on 9290+i, app on 9390+i, plus the offset.
// The benchmark uses it to show where the CPU goes.

// ProfilePorts are an app's and its sidecar's pprof ports.
type ProfilePorts struct{ App, Sidecar int }

func profilePorts(p AppPorts) ProfilePorts {
	return ProfilePorts{Sidecar: p.Metrics + 100, App: p.Metrics + 200}
}

// Profile returns the pprof ports of an app and its sidecar (zero unless
// the stack was started with Options.Profile).
func (s *Stack) Profile(appID string) ProfilePorts {
	a := s.byID[appID]
	if a == nil || !s.opts.Profile {
		return ProfilePorts{}
	}
	return profilePorts(a.ports)
}

// profilingArgs adds pprof to an app's sidecar arguments and environment.
func (s *Stack) profilingArgs(a *appRun, args []string, env map[string]string) []string {
	if !s.opts.Profile {
		return args
	}
	pp := profilePorts(a.ports)
	env[strings.ToUpper(strings.ReplaceAll(a.id, "-", "_"))+"_PPROF_ADDR"] = "127.0.0.1:" + strconv.Itoa(pp.App)
	return append(args, "--enable-profiling", "--profile-port", strconv.Itoa(pp.Sidecar))
}
