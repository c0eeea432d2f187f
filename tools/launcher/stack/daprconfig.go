package stack

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// deriveConfig writes the per-run copy of an app's Dapr Configuration:
// the same file with the SQLite name resolver on this run's database, so
// that sidecars find each other without mDNS (which announces the
// machine's address and would let two stacks on one machine resolve each
// other's apps).
func deriveConfig(src, dst, nameResolutionDB string) error {
	raw, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("read dapr configuration: %w", err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("parse dapr configuration %s: %w", src, err)
	}
	if doc == nil {
		doc = map[string]any{"apiVersion": "dapr.io/v1alpha1", "kind": "Configuration"}
	}
	spec, _ := doc["spec"].(map[string]any)
	if spec == nil {
		spec = map[string]any{}
	}
	// The resolver's defaults (1 s per query, 800 ms waiting for the lock)
	// are short for a dozen sidecars registering at once on a busy
	// two-core machine: a sidecar whose registration times out is never
	// found by the others. Its queries are rare (daprd caches addresses).
	spec["nameResolution"] = map[string]any{
		"component": "sqlite",
		"configuration": map[string]any{
			"connectionString": nameResolutionDB,
			"timeout":          "5s", "busyTimeout": "4s", "updateInterval": "10s",
		},
	}
	doc["spec"] = spec
	var out bytes.Buffer
	fmt.Fprintf(&out, "# Derived by the launcher from %s for one run; edit that file instead.\n", src)
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write dapr configuration: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("write dapr configuration: %w", err)
	}
	if err := os.WriteFile(dst, out.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write dapr configuration: %w", err)
	}
	return nil
}
