package stack

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDerivedConfigUsesSQLiteAndKeepsTheRest(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "users.yaml")
	if err := deriveConfig(repoPath("dapr", "config", "users.yaml"), dst, "/data/nameresolution.db"); err != nil {
		t.Fatal(err)
	}
	spec := specOf(t, dst)
	nr := spec["nameResolution"].(map[string]any)
	if nr["component"] != "sqlite" || nr["configuration"].(map[string]any)["connectionString"] != "/data/nameresolution.db" {
		t.Errorf("nameResolution %v", nr)
	}
	acl := spec["accessControl"].(map[string]any)
	if len(acl["policies"].([]any)) != len(allowed["users"]) || !spec["mtls"].(map[string]any)["enabled"].(bool) {
		t.Errorf("access control or mTLS lost: %v", spec)
	}
	raw, _ := os.ReadFile(dst)
	if !strings.Contains(string(raw), "${TASKROCKET_OTEL_ENDPOINT}") {
		t.Error("the OTEL endpoint placeholder (expanded by daprd) was lost")
	}
}

func TestReadEnvFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.env")
	writeFiles(t, filepath.Dir(p), map[string]string{"x.env": "# c\n\nA=1\nexport B=\"two words\"\nC=\nD='q'\n"})
	env, err := ReadEnvFile(p)
	if err != nil || env["A"] != "1" || env["B"] != "two words" || env["C"] != "" || env["D"] != "q" || len(env) != 4 {
		t.Fatalf("%v %v", env, err)
	}
	writeFiles(t, filepath.Dir(p), map[string]string{"x.env": "A=1\nnot a pair\n"})
	if _, err := ReadEnvFile(p); err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Fatalf("want an error naming line 2, got %v", err)
	}
}
