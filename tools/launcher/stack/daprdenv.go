package stack

import "os"

// daprdGoRuntime is the Go runtime tuning every sidecar gets, as
// environment variables of daprd. A sidecar keeps little memory alive and
// allocates a lot per request: profiled under the benchmark's load,
// garbage collection was about a fifth of its CPU, so it collects half as
// often (GOGC=200; a sidecar's heap stays in the tens of MB). The
// Kubernetes sidecars get the same through the dapr.io/env annotation
// (deploy/helm/taskrocket/values.yaml, dapr.sidecar.env).
// TASKROCKET_DAPRD_<NAME> in the launcher's environment overrides a value
// ("" drops it), to measure another setting with the benchmark.
var daprdGoRuntime = map[string]string{
	"GOGC":       "200",
	"GOMAXPROCS": "",
}

// addDaprdGoRuntime sets the sidecar's Go runtime variables in env.
func addDaprdGoRuntime(env map[string]string) {
	for name, v := range daprdGoRuntime {
		if o, ok := os.LookupEnv("TASKROCKET_DAPRD_" + name); ok {
			v = o
		}
		if v != "" {
			env[name] = v
		}
	}
}
