package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

// object is one Kubernetes object of a render.
type object struct {
	raw  []byte         // the YAML document
	m    map[string]any // decoded
	file string
}

func (o object) apiVersion() string { return str(o.m, "apiVersion") }
func (o object) kind() string       { return str(o.m, "kind") }
func (o object) name() string       { return str(o.m, "metadata", "name") }
func (o object) group() string {
	g, _, ok := strings.Cut(o.apiVersion(), "/")
	if !ok {
		return ""
	}
	return g
}
func (o object) id() string { return o.kind() + "/" + o.name() }

var docSep = regexp.MustCompile(`(?m)^---[ \t]*(#.*)?$`)

func readFiles(paths []string) ([]object, error) {
	var out []object
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		objs, err := parse(b, p)
		if err != nil {
			return nil, err
		}
		out = append(out, objs...)
	}
	return out, nil
}

func parse(b []byte, file string) ([]object, error) {
	var out []object
	for i, doc := range docSep.Split(string(b), -1) {
		if strings.TrimSpace(stripComments(doc)) == "" {
			continue
		}
		var m map[string]any
		if err := yaml.Unmarshal([]byte(doc), &m); err != nil {
			return nil, fmt.Errorf("%s: document %d: %w", file, i+1, err)
		}
		if m == nil {
			continue
		}
		out = append(out, object{raw: []byte(doc), m: m, file: file})
	}
	return out, nil
}

func stripComments(doc string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(doc, "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// get walks nested maps.
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

func str(m map[string]any, path ...string) string {
	s, _ := get(m, path...).(string)
	return s
}

func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func listOf(v any) []any {
	l, _ := v.([]any)
	return l
}

func strings_(v any) []string {
	var out []string
	for _, x := range listOf(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// decode decodes o into dst. The schema of every object (unknown and
// misplaced fields included) is kubectl-validate's job; dst declares only
// the fields the cross-reference checks read.
func decode(o object, dst any) error {
	j, err := json.Marshal(o.m)
	if err != nil {
		return err
	}
	return json.NewDecoder(bytes.NewReader(j)).Decode(dst)
}

func isIstio(o object) bool { return strings.HasSuffix(o.group(), "istio.io") }

func writeForValidate(objs []object, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, o := range objs {
		name := fmt.Sprintf("%03d-%s-%s.yaml", i, strings.ToLower(o.kind()), o.name())
		if err := os.WriteFile(filepath.Join(dir, name), o.raw, 0o644); err != nil {
			return err
		}
	}
	return nil
}
