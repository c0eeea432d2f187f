package stack

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// sidecarCurrent reports whether .bin/daprd was built from the current
// sources of tools/sidecar (its component registrations): build.sh writes
// the hash of those sources to .bin/.daprd-source after building daprd,
// computed as here (Go files but tests, by name, then go.mod and go.sum).
func (s *Stack) sidecarCurrent() bool {
	stamp, err := os.ReadFile(filepath.Join(s.bin, ".daprd-source"))
	if err != nil {
		return false
	}
	dir := filepath.Join(s.root, "tools", "sidecar")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return true // no sources to compare with: keep the binary
	}
	var files []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			files = append(files, n)
		}
	}
	slices.Sort(files)
	h := sha256.New()
	for _, f := range append(files, "go.mod", "go.sum") {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return false
		}
		h.Write(b)
	}
	return strings.TrimSpace(string(stamp)) == hex.EncodeToString(h.Sum(nil))
}
