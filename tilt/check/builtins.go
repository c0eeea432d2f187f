package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
	"sigs.k8s.io/yaml"
)

type resource struct {
	name     string
	kind     string // local, k8s
	workload string
	objects  []string
	deps     []string
	labels   []string
	paths    []string // local_resource deps
}

type build struct {
	ref        string
	context    string
	dockerfile string
	buildArgs  map[string]string
	only       []string
	syncs      []string // local paths
}

type k8sObject struct {
	kind, name, namespace string
	workload              bool
	images                []string
}

func (o k8sObject) id() string { return o.name + ":" + strings.ToLower(o.kind) }

// matches implements Tilt's "name:kind[:namespace]" object selectors
// (case-insensitive).
func (o k8sObject) matches(sel string) bool {
	parts := strings.Split(strings.ToLower(sel), ":")
	if parts[0] != strings.ToLower(o.name) {
		return false
	}
	if len(parts) > 1 && parts[1] != strings.ToLower(o.kind) {
		return false
	}
	return len(parts) < 3 || parts[2] == strings.ToLower(o.namespace)
}

type tilt struct {
	root           string
	settingsFile   string
	modules        map[string]*loaded
	localResources []*resource
	k8sResources   []*resource
	builds         []build
	objects        []k8sObject
	contexts       []string
}

func newTilt(root, settingsFile string) *tilt {
	return &tilt{root: root, settingsFile: settingsFile, modules: map[string]*loaded{}}
}

func (t *tilt) builtins() starlark.StringDict {
	fn := func(name string, f func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error)) *starlark.Builtin {
		return starlark.NewBuiltin(name, f)
	}
	record := func(name string) *starlark.Builtin { // builtins whose result is a plain value
		return fn(name, func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			d := starlark.StringDict{}
			for i, a := range args {
				d[fmt.Sprintf("arg%d", i)] = a
			}
			for _, kv := range kwargs {
				d[string(kv[0].(starlark.String))] = kv[1]
			}
			return starlarkstruct.FromStringDict(starlark.String(b.Name()), d), nil
		})
	}
	return starlark.StringDict{
		"os":                 t.osModule(),
		"config":             starlarkstruct.FromStringDict(starlark.String("config"), starlark.StringDict{"main_dir": starlark.String(t.root), "tilt_subcommand": starlark.String("up")}),
		"local":              fn("local", t.local),
		"read_yaml":          fn("read_yaml", t.readData(true)),
		"read_json":          fn("read_json", t.readData(false)),
		"allow_k8s_contexts": fn("allow_k8s_contexts", t.allowContexts),
		"update_settings":    fn("update_settings", t.updateSettings),
		"local_resource":     fn("local_resource", t.localResource),
		"docker_build":       fn("docker_build", t.dockerBuild),
		"helm":               fn("helm", t.helm),
		"kustomize":          fn("kustomize", t.kustomize),
		"k8s_yaml":           fn("k8s_yaml", t.k8sYAML),
		"filter_yaml":        fn("filter_yaml", t.filterYAML),
		"k8s_resource":       fn("k8s_resource", t.k8sResource),
		"watch_file": fn("watch_file", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
			return starlark.None, nil
		}),
		"sync":            record("sync"),
		"run":             record("run"),
		"link":            record("link"),
		"probe":           record("probe"),
		"http_get_action": record("http_get_action"),
	}
}

func (t *tilt) osModule() starlark.Value {
	exists := starlark.NewBuiltin("exists", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var p string
		if err := starlark.UnpackArgs(b.Name(), args, kwargs, "path", &p); err != nil {
			return nil, err
		}
		if t.isSettingsFile(p) {
			return starlark.Bool(t.settingsFile != "" && strings.HasSuffix(p, filepath.Ext(t.settingsFile))), nil
		}
		_, err := os.Stat(t.abs(p))
		return starlark.Bool(err == nil), nil
	})
	join := starlark.NewBuiltin("join", func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		var parts []string
		for _, a := range args {
			s, ok := starlark.AsString(a)
			if !ok {
				return nil, fmt.Errorf("os.path.join: want strings")
			}
			parts = append(parts, s)
		}
		return starlark.String(filepath.Join(parts...)), nil
	})
	path := &starlarkstruct.Module{Name: "path", Members: starlark.StringDict{"exists": exists, "join": join}}
	getenv := starlark.NewBuiltin("getenv", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var k string
		var def starlark.Value = starlark.None
		if err := starlark.UnpackArgs(b.Name(), args, kwargs, "key", &k, "default?", &def); err != nil {
			return nil, err
		}
		if v, ok := os.LookupEnv(k); ok {
			return starlark.String(v), nil
		}
		return def, nil
	})
	return &starlarkstruct.Module{Name: "os", Members: starlark.StringDict{
		"path": path, "getenv": getenv, "getcwd": starlark.NewBuiltin("getcwd", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
			return starlark.String(t.root), nil
		}),
	}}
}

func (t *tilt) isSettingsFile(p string) bool {
	base := filepath.Base(p)
	return filepath.Dir(t.abs(p)) == t.root && strings.HasPrefix(base, "tilt-settings.")
}

func (t *tilt) abs(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(t.root, p)
}

// run executes a command in the repository, as Tilt's local() does.
func (t *tilt) run(name string, args []string, dir string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = t.abs(dir)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out.String(), nil
}

func (t *tilt) local(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var command starlark.Value
	var quiet, echoOff bool
	var env *starlark.Dict
	var dir, commandBat string
	var stdin starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "command", &command, "quiet?", &quiet,
		"command_bat?", &commandBat, "echo_off?", &echoOff, "env?", &env, "dir?", &dir, "stdin?", &stdin); err != nil {
		return nil, err
	}
	argv, err := argvOf(command)
	if err != nil {
		return nil, err
	}
	out, err := t.run(argv[0], argv[1:], dir)
	if err != nil {
		return nil, err
	}
	return starlark.String(out), nil
}

// argvOf turns a Tilt command (a shell string or a list) into an argv.
func argvOf(v starlark.Value) ([]string, error) {
	if s, ok := starlark.AsString(v); ok {
		return []string{"sh", "-c", s}, nil
	}
	l, err := stringList(v)
	if err != nil || len(l) == 0 {
		return nil, fmt.Errorf("command must be a string or a non-empty list of strings")
	}
	return l, nil
}

func stringList(v starlark.Value) ([]string, error) {
	if v == nil || v == starlark.None {
		return nil, nil
	}
	if s, ok := starlark.AsString(v); ok {
		return []string{s}, nil
	}
	it, ok := v.(starlark.Iterable)
	if !ok {
		return nil, fmt.Errorf("want a string or a list of strings, got %s", v.Type())
	}
	var out []string
	iter := it.Iterate()
	defer iter.Done()
	var x starlark.Value
	for iter.Next(&x) {
		s, ok := starlark.AsString(x)
		if !ok {
			return nil, fmt.Errorf("want strings, got %s", x.Type())
		}
		out = append(out, s)
	}
	return out, nil
}

func (t *tilt) readData(isYAML bool) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var path string
		var def starlark.Value
		if err := starlark.UnpackArgs(b.Name(), args, kwargs, "path", &path, "default?", &def); err != nil {
			return nil, err
		}
		file := t.abs(path)
		if t.isSettingsFile(path) {
			if t.settingsFile == "" {
				if def != nil {
					return def, nil
				}
				return nil, fmt.Errorf("%s: no such file", path)
			}
			file = t.settingsFile
		}
		data, err := os.ReadFile(file)
		if err != nil {
			if def != nil {
				return def, nil
			}
			return nil, err
		}
		if isYAML {
			if data, err = yaml.YAMLToJSON(data); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return toStarlark(v), nil
	}
}

func toStarlark(v any) starlark.Value {
	switch x := v.(type) {
	case nil:
		return starlark.None
	case bool:
		return starlark.Bool(x)
	case float64:
		if x == float64(int64(x)) {
			return starlark.MakeInt64(int64(x))
		}
		return starlark.Float(x)
	case string:
		return starlark.String(x)
	case []any:
		l := make([]starlark.Value, len(x))
		for i, e := range x {
			l[i] = toStarlark(e)
		}
		return starlark.NewList(l)
	case map[string]any:
		d := starlark.NewDict(len(x))
		for _, k := range sortedKeys(x) {
			_ = d.SetKey(starlark.String(k), toStarlark(x[k]))
		}
		return d
	}
	return starlark.None
}

func (t *tilt) allowContexts(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var contexts starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "contexts", &contexts); err != nil {
		return nil, err
	}
	l, err := stringList(contexts)
	if err != nil || len(l) == 0 {
		return nil, fmt.Errorf("allow_k8s_contexts: want context names")
	}
	t.contexts = append(t.contexts, l...)
	return starlark.None, nil
}

func (t *tilt) updateSettings(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var parallel, upsert int
	var suppress starlark.Value
	return starlark.None, starlark.UnpackArgs(b.Name(), args, kwargs,
		"max_parallel_updates?", &parallel, "k8s_upsert_timeout_secs?", &upsert, "suppress_unused_image_warnings?", &suppress)
}

func (t *tilt) localResource(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name, dir, serveDir string
	var cmd, serveCmd, deps, resourceDeps, labels, links, probe, ignore, env, serveEnv, trigger, autoInit, allowParallel starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "name", &name, "cmd?", &cmd, "deps?", &deps,
		"trigger_mode?", &trigger, "resource_deps?", &resourceDeps, "ignore?", &ignore, "auto_init?", &autoInit,
		"serve_cmd?", &serveCmd, "env?", &env, "serve_env?", &serveEnv, "readiness_probe?", &probe,
		"dir?", &dir, "serve_dir?", &serveDir, "labels?", &labels, "links?", &links, "allow_parallel?", &allowParallel); err != nil {
		return nil, err
	}
	if (cmd == nil || cmd == starlark.None) && (serveCmd == nil || serveCmd == starlark.None) {
		return nil, fmt.Errorf("local_resource(%q): needs cmd or serve_cmd", name)
	}
	r := &resource{name: name, kind: "local"}
	var err error
	if r.paths, err = stringList(deps); err != nil {
		return nil, fmt.Errorf("local_resource(%q) deps: %w", name, err)
	}
	if r.deps, err = stringList(resourceDeps); err != nil {
		return nil, err
	}
	if r.labels, err = stringList(labels); err != nil {
		return nil, err
	}
	t.localResources = append(t.localResources, r)
	return starlark.None, nil
}
