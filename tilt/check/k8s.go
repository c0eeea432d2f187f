package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
	"sigs.k8s.io/yaml"
)

func (t *tilt) dockerBuild(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var ref, ctxDir, dockerfile, target string
	var buildArgs *starlark.Dict
	var only, liveUpdate, entrypoint, ignore, containerArgs, extra starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "ref", &ref, "context", &ctxDir, "build_args?", &buildArgs,
		"dockerfile?", &dockerfile, "live_update?", &liveUpdate, "ignore?", &ignore, "only?", &only,
		"entrypoint?", &entrypoint, "target?", &target, "container_args?", &containerArgs, "extra_tag?", &extra); err != nil {
		return nil, err
	}
	bd := build{ref: ref, context: ctxDir, dockerfile: dockerfile, buildArgs: map[string]string{}}
	if bd.dockerfile == "" {
		bd.dockerfile = filepath.Join(ctxDir, "Dockerfile")
	}
	if buildArgs != nil {
		for _, kv := range buildArgs.Items() {
			k, _ := starlark.AsString(kv[0])
			v, _ := starlark.AsString(kv[1])
			bd.buildArgs[k] = v
		}
	}
	var err error
	if bd.only, err = stringList(only); err != nil {
		return nil, err
	}
	if _, err := stringList(entrypoint); err != nil {
		return nil, fmt.Errorf("docker_build(%q) entrypoint: %w", ref, err)
	}
	if liveUpdate != nil && liveUpdate != starlark.None {
		it, ok := liveUpdate.(starlark.Iterable)
		if !ok {
			return nil, fmt.Errorf("docker_build(%q): live_update must be a list", ref)
		}
		iter := it.Iterate()
		var step starlark.Value
		for iter.Next(&step) {
			s, ok := step.(*starlarkstruct.Struct)
			if !ok {
				iter.Done()
				return nil, fmt.Errorf("docker_build(%q): live_update steps must be sync() or run()", ref)
			}
			if s.Constructor().String() == `"sync"` {
				local, _ := s.Attr("arg0")
				p, _ := starlark.AsString(local)
				bd.syncs = append(bd.syncs, p)
			}
		}
		iter.Done()
	}
	t.builds = append(t.builds, bd)
	return starlark.None, nil
}

var copyLine = regexp.MustCompile(`(?i)^\s*COPY\s+(.*)$`)

// checkBuild checks a docker_build against its Dockerfile.
func (t *tilt) checkBuild(b build) []string {
	var problems []string
	data, err := os.ReadFile(t.abs(b.dockerfile))
	if err != nil {
		return []string{fmt.Sprintf("docker_build(%q): %v", b.ref, err)}
	}
	inOnly := func(p string) bool {
		if len(b.only) == 0 {
			return true
		}
		for _, o := range b.only {
			o = filepath.Clean(o)
			if p == o || strings.HasPrefix(p, o+"/") {
				return true
			}
		}
		return false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		m := copyLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		fields := strings.Fields(m[1])
		var srcs []string
		fromStage := false
		for _, f := range fields[:len(fields)-1] {
			if strings.HasPrefix(f, "--") {
				fromStage = fromStage || strings.HasPrefix(f, "--from=")
				continue
			}
			srcs = append(srcs, f)
		}
		if fromStage {
			continue
		}
		for _, s := range srcs {
			for k, v := range b.buildArgs {
				s = strings.ReplaceAll(strings.ReplaceAll(s, "${"+k+"}", v), "$"+k, v)
			}
			p := filepath.Clean(filepath.Join(b.context, s))
			if !inOnly(p) {
				problems = append(problems, fmt.Sprintf("docker_build(%q): COPY %s is outside only=%v", b.ref, s, b.only))
			}
			if !strings.HasPrefix(p, ".bin/") {
				if _, err := os.Stat(t.abs(p)); err != nil {
					problems = append(problems, fmt.Sprintf("docker_build(%q): COPY source %s does not exist", b.ref, s))
				}
			}
		}
	}
	for _, s := range b.syncs {
		if !inOnly(filepath.Clean(s)) {
			problems = append(problems, fmt.Sprintf("docker_build(%q): live_update syncs %s, outside only=%v", b.ref, s, b.only))
		}
	}
	return problems
}

func (t *tilt) helm(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var chart, name, namespace, kubeVersion string
	var values, set starlark.Value
	var skipCRDs bool
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "paths", &chart, "name?", &name, "namespace?", &namespace,
		"values?", &values, "set?", &set, "kube_version?", &kubeVersion, "skip_crds?", &skipCRDs); err != nil {
		return nil, err
	}
	if name == "" {
		name = "chart"
	}
	argv := []string{"template", name, chart}
	if namespace != "" {
		argv = append(argv, "--namespace", namespace)
	}
	vs, err := stringList(values)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		argv = append(argv, "--values", v)
	}
	ss, err := stringList(set)
	if err != nil {
		return nil, err
	}
	for _, s := range ss {
		argv = append(argv, "--set", s)
	}
	out, err := t.run("helm", argv, ".")
	return starlark.String(out), err
}

func (t *tilt) kustomize(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var path, kustomizeBin string
	var flags starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "paths", &path, "kustomize_bin?", &kustomizeBin, "flags?", &flags); err != nil {
		return nil, err
	}
	out, err := t.run("kustomize", []string{"build", path}, ".")
	return starlark.String(out), err
}

var docSep = regexp.MustCompile(`(?m)^---[ \t]*(#.*)?$`)

func get(m map[string]any, path ...string) any {
	var cur any = m
	for _, p := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[p]
	}
	return cur
}

func str(m map[string]any, path ...string) string { s, _ := get(m, path...).(string); return s }
func mapOf(v any) map[string]any                  { m, _ := v.(map[string]any); return m }
func listOf(v any) []any                          { l, _ := v.([]any); return l }

func (t *tilt) k8sYAML(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	var allowDup bool
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "yaml", &v, "allow_duplicates?", &allowDup); err != nil {
		return nil, err
	}
	text, ok := starlark.AsString(v)
	if !ok {
		return nil, fmt.Errorf("k8s_yaml: want the YAML (helm(), kustomize() or a string)")
	}
	if !strings.Contains(text, "\n") && strings.HasSuffix(text, ".yaml") {
		data, err := os.ReadFile(t.abs(text))
		if err != nil {
			return nil, err
		}
		text = string(data)
	}
	for _, doc := range docSep.Split(text, -1) {
		var m map[string]any
		if err := yaml.Unmarshal([]byte(doc), &m); err != nil {
			return nil, fmt.Errorf("k8s_yaml: %w", err)
		}
		if m == nil {
			continue
		}
		o := k8sObject{kind: str(m, "kind"), name: str(m, "metadata", "name"), namespace: str(m, "metadata", "namespace")}
		if o.kind == "" || o.name == "" {
			return nil, fmt.Errorf("k8s_yaml: an object without kind or name")
		}
		spec := mapOf(get(m, "spec", "template", "spec"))
		if o.kind == "Pod" {
			spec = mapOf(m["spec"])
		}
		if spec != nil {
			o.workload = true
			for _, key := range []string{"initContainers", "containers"} {
				for _, c := range listOf(spec[key]) {
					if img := str(mapOf(c), "image"); img != "" {
						o.images = append(o.images, img)
					}
				}
			}
		}
		t.objects = append(t.objects, o)
	}
	return starlark.None, nil
}

func (t *tilt) k8sResource(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var workload, newName string
	var portForwards, resourceDeps, objects, labels, links, extraSel, trigger, autoInit, readiness, discovery starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "workload?", &workload, "new_name?", &newName,
		"port_forwards?", &portForwards, "extra_pod_selectors?", &extraSel, "trigger_mode?", &trigger,
		"resource_deps?", &resourceDeps, "objects?", &objects, "auto_init?", &autoInit, "pod_readiness?", &readiness,
		"links?", &links, "labels?", &labels, "discovery_strategy?", &discovery); err != nil {
		return nil, err
	}
	r := &resource{name: workload, kind: "k8s", workload: workload}
	if newName != "" {
		r.name = newName
	}
	if r.name == "" {
		return nil, fmt.Errorf("k8s_resource: needs a workload or a new_name")
	}
	var err error
	if r.objects, err = stringList(objects); err != nil {
		return nil, err
	}
	if r.deps, err = stringList(resourceDeps); err != nil {
		return nil, err
	}
	if r.labels, err = stringList(labels); err != nil {
		return nil, err
	}
	if _, err := stringList(portForwards); err != nil {
		return nil, fmt.Errorf("k8s_resource(%q) port_forwards: %w", r.name, err)
	}
	t.k8sResources = append(t.k8sResources, r)
	return starlark.None, nil
}

// filterYAML implements filter_yaml(yaml, name=REGEX, kind=REGEX): it
// returns (matching, rest).
func (t *tilt) filterYAML(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	var name, kind, namespace, apiVersion string
	var labels starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "yaml", &v, "labels?", &labels, "name?", &name,
		"namespace?", &namespace, "kind?", &kind, "api_version?", &apiVersion); err != nil {
		return nil, err
	}
	text, ok := starlark.AsString(v)
	if !ok {
		return nil, fmt.Errorf("filter_yaml: want YAML")
	}
	nameRE, err := regexp.Compile("(?i)" + name)
	if err != nil {
		return nil, err
	}
	kindRE, err := regexp.Compile("(?i)" + kind)
	if err != nil {
		return nil, err
	}
	var match, rest []string
	for _, doc := range docSep.Split(text, -1) {
		var m map[string]any
		if err := yaml.Unmarshal([]byte(doc), &m); err != nil {
			return nil, fmt.Errorf("filter_yaml: %w", err)
		}
		if m == nil {
			continue
		}
		if nameRE.MatchString(str(m, "metadata", "name")) && kindRE.MatchString(str(m, "kind")) {
			match = append(match, strings.TrimSpace(doc))
		} else {
			rest = append(rest, strings.TrimSpace(doc))
		}
	}
	return starlark.Tuple{starlark.String(strings.Join(match, "\n---\n")), starlark.String(strings.Join(rest, "\n---\n"))}, nil
}
