package stack

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// sidecarCurrent reports whether .bin/daprd was built from the current
// sources of tools/sidecar (its component registrations): build.sh writes
// the hash of those sources to .bin/daprd.stamp after building daprd, and
// prints the hash of the sources as they are now with --stamp.
func (s *Stack) sidecarCurrent() bool {
	built, err := os.ReadFile(filepath.Join(s.bin, "daprd.stamp"))
	if err != nil {
		return false
	}
	now, err := exec.Command("bash", filepath.Join(s.root, "tools", "sidecar", "build.sh"), "--stamp").Output()
	if err != nil {
		return true // the sources cannot be hashed: keep the binary
	}
	return strings.TrimSpace(string(built)) == strings.TrimSpace(string(now))
}
