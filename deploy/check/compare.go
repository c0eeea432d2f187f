package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// runCompare checks that two renders carry the same Dapr resources: same
// objects, same spec and scopes (labels and namespace aside). It keeps the
// Helm chart's defaults and components/k8s from drifting apart.
func runCompare(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: compare-dapr A.yaml B.yaml")
	}
	a, err := daprObjects(args[0])
	if err != nil {
		return err
	}
	b, err := daprObjects(args[1])
	if err != nil {
		return err
	}
	var diffs []string
	for _, id := range sortedKeys(a) {
		if bb, ok := b[id]; !ok {
			diffs = append(diffs, id+": only in "+args[0])
		} else if a[id] != bb {
			diffs = append(diffs, fmt.Sprintf("%s differs:\n    %s\n    %s", id, a[id], bb))
		}
	}
	for _, id := range sortedKeys(b) {
		if _, ok := a[id]; !ok {
			diffs = append(diffs, id+": only in "+args[1])
		}
	}
	for _, d := range diffs {
		fmt.Fprintln(os.Stderr, "  FAIL", d)
	}
	if len(diffs) > 0 {
		return fmt.Errorf("Dapr resources differ in %d place(s)", len(diffs))
	}
	fmt.Printf("  ok   %d Dapr resources identical in %s and %s\n", len(a), args[0], args[1])
	return nil
}

func daprObjects(path string) (map[string]string, error) {
	objs, err := readFiles([]string{path})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, o := range objs {
		if o.group() != "dapr.io" {
			continue
		}
		norm := map[string]any{"apiVersion": o.apiVersion(), "spec": o.m["spec"], "scopes": o.m["scopes"]}
		j, err := json.Marshal(norm) // map keys are sorted: a canonical form
		if err != nil {
			return nil, err
		}
		out[o.id()] = strings.TrimSpace(string(j))
	}
	return out, nil
}
