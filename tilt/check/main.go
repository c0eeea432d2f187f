// Command tiltcheck evaluates the repository's Tiltfile without Tilt: the
// Starlark runs under go.starlark.net with stand-ins for the Tilt builtins
// it calls. local(), helm() and kustomize() run for real (go, helm and
// kustomize must be on PATH), so the chart and overlays that `tilt up`
// applies are rendered too. After evaluation it checks what Tilt itself
// would reject or silently get wrong:
//
//   - k8s_resource names an existing workload, and every object selector
//     matches exactly one rendered object, claimed by one resource only;
//   - resource_deps name existing resources and form no cycle;
//   - every resource has a label;
//   - every docker_build image is used by a workload, and every workload
//     image of ours is built; Dockerfile COPY sources and live_update syncs
//     lie inside the build's `only` paths;
//   - local_resource deps exist (build outputs under .bin/ aside).
//
// Usage: tiltcheck [-dir REPO] [-settings FILE]
//
// -settings stands in for tilt-settings.yaml; without it the Tiltfile sees
// no settings file, whatever the developer has locally.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

func main() {
	dir := flag.String("dir", ".", "repository root, holding the Tiltfile")
	settings := flag.String("settings", "", "file to serve as tilt-settings.yaml")
	flag.Parse()
	root, err := filepath.Abs(*dir)
	if err != nil {
		fatal(err)
	}
	t := newTilt(root, *settings)
	if err := t.exec("Tiltfile"); err != nil {
		fatal(err)
	}
	problems := t.verify()
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "  FAIL tiltfile:", p)
	}
	if len(problems) > 0 {
		fatal(fmt.Errorf("%d problem(s)", len(problems)))
	}
	fmt.Println("  ok   tiltfile:", t.summary())
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "tiltcheck:", err)
	os.Exit(1)
}

// exec runs a Starlark file of the repository, loading what it loads.
func (t *tilt) exec(path string) error {
	thread := &starlark.Thread{
		Name:  path,
		Load:  t.load,
		Print: func(_ *starlark.Thread, msg string) { fmt.Println("  tiltfile says:", msg) },
	}
	_, err := starlark.ExecFileOptions(fileOptions, thread, filepath.Join(t.root, path), nil, t.builtins())
	return describe(err)
}

// Tilt's Starlark dialect.
var fileOptions = &syntax.FileOptions{Set: true, While: true, TopLevelControl: true, GlobalReassign: true, Recursion: true}

type loaded struct {
	globals starlark.StringDict
	err     error
}

func (t *tilt) load(_ *starlark.Thread, module string) (starlark.StringDict, error) {
	if strings.HasPrefix(module, "ext://") {
		return nil, fmt.Errorf("load(%q): Tilt extensions are fetched from the network; the Tiltfile must not need them", module)
	}
	path := filepath.Clean(filepath.Join(t.root, module))
	if e, ok := t.modules[path]; ok {
		if e == nil {
			return nil, fmt.Errorf("load cycle through %s", module)
		}
		return e.globals, e.err
	}
	t.modules[path] = nil
	thread := &starlark.Thread{Name: module, Load: t.load}
	globals, err := starlark.ExecFileOptions(fileOptions, thread, path, nil, t.builtins())
	t.modules[path] = &loaded{globals, describe(err)}
	return globals, describe(err)
}

func describe(err error) error {
	if ee, ok := err.(*starlark.EvalError); ok {
		return fmt.Errorf("%s", ee.Backtrace())
	}
	return err
}

// verify checks the resources the Tiltfile declared.
func (t *tilt) verify() []string {
	var problems []string
	failf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	workloads := map[string]*k8sObject{}
	for i := range t.objects {
		o := &t.objects[i]
		if o.workload {
			if _, dup := workloads[o.name]; dup {
				failf("two workloads named %s: Tilt would rename them", o.name)
			}
			workloads[o.name] = o
		}
	}
	if len(workloads) == 0 {
		failf("k8s_yaml deployed no workload")
	}

	// Resources: local_resources, workloads (renamed or not), object groups.
	resources := map[string]*resource{}
	add := func(r *resource) {
		if _, dup := resources[r.name]; dup {
			failf("resource %s declared twice", r.name)
		}
		resources[r.name] = r
	}
	for _, r := range t.localResources {
		add(r)
	}
	configured := map[string]*resource{}
	for _, r := range t.k8sResources {
		if r.workload != "" {
			if _, ok := workloads[r.workload]; !ok {
				failf("k8s_resource(%q): no such workload", r.workload)
			}
			configured[r.workload] = r
		} else if len(r.objects) == 0 {
			failf("k8s_resource(new_name=%q) without a workload needs objects", r.name)
		}
	}
	for name := range workloads {
		r, ok := configured[name]
		if !ok {
			r = &resource{name: name, kind: "k8s", workload: name}
		}
		add(r)
	}
	for _, r := range t.k8sResources {
		if r.workload == "" {
			add(r)
		}
	}

	// Object selectors.
	claimed := map[string]string{}
	for _, r := range t.k8sResources {
		for _, sel := range r.objects {
			var hits []string
			for _, o := range t.objects {
				if !o.workload && o.matches(sel) {
					hits = append(hits, o.id())
				}
			}
			switch {
			case len(hits) == 0:
				failf("resource %s: object %q matches nothing rendered", r.name, sel)
			case len(hits) > 1:
				failf("resource %s: object %q matches %d objects", r.name, sel, len(hits))
			default:
				if other, ok := claimed[hits[0]]; ok {
					failf("%s claimed by both %s and %s", hits[0], other, r.name)
				}
				claimed[hits[0]] = r.name
			}
		}
	}

	// Dependencies and labels.
	for _, name := range sortedKeys(resources) {
		r := resources[name]
		if len(r.labels) == 0 {
			failf("resource %s has no label", name)
		}
		for _, d := range r.deps {
			if _, ok := resources[d]; !ok {
				failf("resource %s depends on unknown resource %q", name, d)
			}
		}
	}
	if cycle := findCycle(resources); cycle != "" {
		failf("resource_deps cycle: %s", cycle)
	}

	// Images.
	used := map[string]bool{}
	for _, o := range t.objects {
		for _, img := range o.images {
			used[repoOf(img)] = true
		}
	}
	built := map[string]bool{}
	for _, b := range t.builds {
		built[repoOf(b.ref)] = true
		if !used[repoOf(b.ref)] {
			failf("docker_build(%q): no workload uses this image", b.ref)
		}
		problems = append(problems, t.checkBuild(b)...)
	}
	for _, o := range t.objects {
		for _, img := range o.images {
			if strings.HasPrefix(repoOf(img), "taskrocket/") && !built[repoOf(img)] {
				failf("%s uses %s, which no docker_build builds", o.id(), img)
			}
		}
	}

	// Paths.
	for _, r := range t.localResources {
		for _, d := range r.paths {
			if strings.HasPrefix(d, ".bin/") {
				continue
			}
			if _, err := os.Stat(filepath.Join(t.root, d)); err != nil {
				failf("local_resource %s: dep %s does not exist", r.name, d)
			}
		}
	}
	return problems
}

func findCycle(resources map[string]*resource) string {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var visit func(string) string
	visit = func(n string) string {
		color[n] = grey
		stack = append(stack, n)
		if r, ok := resources[n]; ok {
			for _, d := range r.deps {
				switch color[d] {
				case grey:
					i := slices.Index(stack, d)
					return strings.Join(append(slices.Clone(stack[i:]), d), " -> ")
				case white:
					if c := visit(d); c != "" {
						return c
					}
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[n] = black
		return ""
	}
	for _, n := range sortedKeys(resources) {
		if color[n] == white {
			if c := visit(n); c != "" {
				return c
			}
		}
	}
	return ""
}

func (t *tilt) summary() string {
	labels := map[string]int{}
	for _, r := range t.localResources {
		for _, l := range r.labels {
			labels[l]++
		}
	}
	for _, r := range t.k8sResources {
		for _, l := range r.labels {
			labels[l]++
		}
	}
	var parts []string
	for _, l := range sortedKeys(labels) {
		parts = append(parts, fmt.Sprintf("%s=%d", l, labels[l]))
	}
	return fmt.Sprintf("%d local resources, %d k8s resources, %d images, %d objects; labels %s",
		len(t.localResources), len(t.k8sResources), len(t.builds), len(t.objects), strings.Join(parts, " "))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// repoOf drops the tag and digest of an image reference.
func repoOf(ref string) string {
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref = ref[:i]
	}
	return strings.TrimPrefix(ref, "docker.io/")
}
