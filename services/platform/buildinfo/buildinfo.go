// Package buildinfo carries the version stamped into every binary at link
// time (-ldflags "-X .../buildinfo.Version=v1.2.3 -X .../buildinfo.Commit=abc").
package buildinfo

import "runtime"

// Set by the linker; the defaults identify a developer build.
var (
	Version = "dev"
	Commit  = "unknown"
)

// Info is the version document served at /version and logged at start.
type Info struct {
	Service   string `json:"service"`
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	GoVersion string `json:"goVersion"`
}

// For returns the build information of the named service.
func For(service string) Info {
	return Info{Service: service, Version: Version, Commit: Commit, GoVersion: runtime.Version()}
}
