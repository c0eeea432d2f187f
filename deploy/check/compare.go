package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// runCompare checks that two renders carry the same Dapr resources: same
// objects, same spec and scopes (labels and namespace aside). It keeps the
// Helm chart's defaults and components/k8s from drifting apart.
// With -kind, only the objects of that kind are compared (components/k8s
// against components/subscriptions/, the subscriptions of the local run).
func runCompare(args []string) error {
	fs := flag.NewFlagSet("compare-dapr", flag.ExitOnError)
	kind := fs.String("kind", "", "compare only the Dapr objects of this kind")
	_ = fs.Parse(args)
	args = fs.Args()
	if len(args) != 2 {
		return fmt.Errorf("usage: compare-dapr [-kind KIND] A.yaml B.yaml")
	}
	a, err := daprObjects(args[0], *kind)
	if err != nil {
		return err
	}
	b, err := daprObjects(args[1], *kind)
	if err != nil {
		return err
	}
	if len(a) == 0 {
		return fmt.Errorf("%s: no Dapr %s objects", args[0], *kind)
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

func daprObjects(path, kind string) (map[string]string, error) {
	objs, err := readFiles([]string{path})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, o := range objs {
		if o.group() != "dapr.io" || (kind != "" && o.kind() != kind) {
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

// runCompareACL checks that each app's Dapr access control in a render (the
// Configuration "<prefix>-<app>") admits the same callers, with the same
// operations, as the app's Configuration of the local run (dapr/config/<app>.yaml).
// Namespaces and trust domains are left aside: they differ by environment.
func runCompareACL(args []string) error {
	fs := flag.NewFlagSet("compare-acl", flag.ExitOnError)
	prefix := fs.String("prefix", "taskrocket", "the rendered Configurations are named PREFIX-<app id>")
	_ = fs.Parse(args)
	args = fs.Args()
	if len(args) != 2 {
		return fmt.Errorf("usage: compare-acl [-prefix P] LOCAL_CONFIG_DIR RENDER.yaml")
	}
	files, err := filepath.Glob(filepath.Join(args[0], "*.yaml"))
	if err != nil {
		return err
	}
	local, err := readFiles(files)
	if err != nil {
		return err
	}
	rendered, err := readFiles([]string{args[1]})
	if err != nil {
		return err
	}
	want, got := map[string]string{}, map[string]string{}
	for _, o := range local {
		if o.kind() == "Configuration" {
			want[o.name()] = accessControl(o)
		}
	}
	for _, o := range rendered {
		if app, ok := strings.CutPrefix(o.name(), *prefix+"-"); ok && o.kind() == "Configuration" {
			got[app] = accessControl(o)
		}
	}
	var diffs []string
	for _, app := range sortedKeys(want) {
		if g, ok := got[app]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: no Configuration %s-%s in %s", app, *prefix, app, args[1]))
		} else if g != want[app] {
			diffs = append(diffs, fmt.Sprintf("%s: access control differs:\n    %s (%s)\n    %s (%s)", app, want[app], args[0], g, args[1]))
		}
	}
	for _, app := range sortedKeys(got) {
		if _, ok := want[app]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: no local Configuration in %s", app, args[0]))
		}
	}
	for _, d := range diffs {
		fmt.Fprintln(os.Stderr, "  FAIL", d)
	}
	if len(diffs) > 0 {
		return fmt.Errorf("access control differs for %d app(s)", len(diffs))
	}
	fmt.Printf("  ok   access control of %d apps identical in %s and %s\n", len(want), args[0], args[1])
	return nil
}

// accessControl is a Configuration's access control in a canonical form:
// the default action and, per caller app id, its default action and operations.
func accessControl(o object) string {
	ac := mapOf(get(o.m, "spec", "accessControl"))
	callers := map[string]any{}
	for _, p := range listOf(ac["policies"]) {
		pm := mapOf(p)
		callers[str(pm, "appId")] = map[string]any{"defaultAction": pm["defaultAction"], "operations": pm["operations"]}
	}
	j, _ := json.Marshal(map[string]any{"defaultAction": ac["defaultAction"], "callers": callers})
	return string(j)
}
