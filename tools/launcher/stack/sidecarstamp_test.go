package stack

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The launcher and tools/sidecar/build.sh agree on the stamp of the
// sidecar's sources: otherwise every start would rebuild daprd, or none
// would after a change.
func TestSidecarStampMatchesTheBuildScript(t *testing.T) {
	root := repoPath()
	out, err := exec.Command("bash", filepath.Join(root, "tools", "sidecar", "build.sh"), "--stamp").Output()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	s := &Stack{root: root, bin: bin}
	if s.sidecarCurrent() {
		t.Fatal("no stamp: daprd must count as stale")
	}
	if err := os.WriteFile(filepath.Join(bin, "daprd.stamp"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	if !s.sidecarCurrent() {
		t.Fatalf("stamp %s from build.sh not accepted", strings.TrimSpace(string(out)))
	}
	if err := os.WriteFile(filepath.Join(bin, "daprd.stamp"), []byte("0123\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s.sidecarCurrent() {
		t.Fatal("another stamp accepted")
	}
}
