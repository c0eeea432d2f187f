package stack

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// repoPath is a path in the repository, from this package's folder.
func repoPath(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", ".."}, parts...)...)
}

var serviceOrder = []string{"gateway", "users", "auth", "projects", "tasks", "invitations",
	"collaboration", "priorities", "calendar", "notifications", "audit", "search"}

func TestRepositoryTemplateRunsEveryServiceOnItsFixedPorts(t *testing.T) {
	rt, err := LoadTemplate(repoPath("dapr", "dapr.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rt.Apps) != len(serviceOrder) {
		t.Fatalf("%d apps, want %d", len(rt.Apps), len(serviceOrder))
	}
	withDB := map[string]bool{"users": true, "projects": true, "tasks": true, "invitations": true, "priorities": true, "calendar": true}
	local, _ := filepath.Abs(repoPath("components", "local"))
	subscriptions, _ := filepath.Abs(repoPath("components", "subscriptions"))
	common := []string{local, subscriptions}
	for i, a := range rt.Apps {
		if a.ID != serviceOrder[i] {
			t.Fatalf("app %d is %q, want %q (slot order fixes the ports)", i, a.ID, serviceOrder[i])
		}
		appPort := 8080
		if i > 0 {
			appPort = 8100 + i
		}
		if want := SlotPorts(i, appPort); a.Ports != want {
			t.Errorf("%s ports %+v, want %+v", a.ID, a.Ports, want)
		}
		if !IsGoRun(a.Command) || filepath.Base(a.Dir) != a.ID {
			t.Errorf("%s: command %v in %s, want go run . in services/%s", a.ID, a.Command, a.Dir, a.ID)
		}
		if filepath.Base(a.ConfigFile) != a.ID+".yaml" || !isFile(a.ConfigFile) {
			t.Errorf("%s: configuration %s, want dapr/config/%s.yaml", a.ID, a.ConfigFile, a.ID)
		}
		if !slices.Equal(a.ResourcesPaths, common) || !a.CommonResources {
			t.Errorf("%s: resources %v, want the common %v", a.ID, a.ResourcesPaths, common)
		}
		prefix := strings.ToUpper(a.ID)
		if a.Env[prefix+"_PORT"] != itoa(appPort) || a.Env[prefix+"_LOG_LEVEL"] == "" {
			t.Errorf("%s: env %v lacks %s_PORT=%d or %s_LOG_LEVEL", a.ID, a.Env, prefix, appPort, prefix)
		}
		dsn, hasDB := a.Env[prefix+DatabaseURLSuffix]
		if hasDB != withDB[a.ID] || (hasDB && !strings.Contains(dsn, "/taskrocket_"+a.ID+"?")) {
			t.Errorf("%s: %s_DATABASE_URL = %q", a.ID, prefix, dsn)
		}
		if !a.HealthCheck || a.HealthPath != "/healthz" {
			t.Errorf("%s: app health check %v %q", a.ID, a.HealthCheck, a.HealthPath)
		}
	}
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const ports = "appPort: 1\n    daprHTTPPort: 2\n    daprGRPCPort: 3\n    daprInternalGRPCPort: 4\n    metricsPort: 5\n"

func TestTemplatePathsAndPrecedenceFollowTheDaprCLI(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"run/config.yaml":                 "kind: Configuration\n",
		"run/res/a.yaml":                  "",
		"apps/one/own.yaml":               "",
		"apps/two/.dapr/config.yaml":      "",
		"apps/two/.dapr/resources/x.yaml": "",
		"run/dapr.yaml": `version: 1
common:
  resourcesPath: res
  configFilePath: config.yaml
  env: {SHARED: common, OVERRIDE: common}
apps:
  - appDirPath: ../apps/one
    configFilePath: own.yaml
    env: {OVERRIDE: app}
    command: ["./one"]
    ` + ports + `  - appID: second
    appDirPath: ../apps/two
    command: ["./two"]
    ` + ports,
	})
	rt, err := LoadTemplate(filepath.Join(root, "run", "dapr.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	one, two := rt.Apps[0], rt.Apps[1]
	if one.ID != "one" || two.ID != "second" {
		t.Errorf("ids %q %q: want the folder name when appID is empty", one.ID, two.ID)
	}
	if one.ConfigFile != filepath.Join(root, "apps/one/own.yaml") {
		t.Errorf("app configFilePath not relative to appDirPath: %s", one.ConfigFile)
	}
	if one.ResourcesPaths[0] != filepath.Join(root, "run/res") || !one.CommonResources {
		t.Errorf("common resourcesPath not relative to the template: %v", one.ResourcesPaths)
	}
	if two.ConfigFile != filepath.Join(root, "apps/two/.dapr/config.yaml") ||
		two.ResourcesPaths[0] != filepath.Join(root, "apps/two/.dapr/resources") || two.CommonResources {
		t.Errorf("<appDir>/.dapr should win over common: %s %v", two.ConfigFile, two.ResourcesPaths)
	}
	if one.Env["SHARED"] != "common" || one.Env["OVERRIDE"] != "app" {
		t.Errorf("env merge: %v", one.Env)
	}
}

func TestTemplateErrorsNameTheProblem(t *testing.T) {
	for name, tc := range map[string]struct{ body, want string }{
		"misspelt-property":   {"version: 1\napps:\n  - appDirPath: .\n    appPorts: 1\n", "appPorts"},
		"missing-version":     {"apps: []\n", "version"},
		"missing-app-dir":     {"version: 1\napps:\n  - appID: x\n", "appDirPath"},
		"missing-ports":       {"version: 1\napps:\n  - appDirPath: .\n    command: [x]\n    appPort: 1\n", "daprGRPCPort"},
		"duplicate-app-id":    {"version: 1\napps:\n  - {appID: x, appDirPath: ., command: [x], appPort: 1, daprHTTPPort: 2, daprGRPCPort: 3, daprInternalGRPCPort: 4, metricsPort: 5}\n  - {appID: x, appDirPath: ., command: [x], appPort: 6, daprHTTPPort: 7, daprGRPCPort: 8, daprInternalGRPCPort: 9, metricsPort: 10}\n", "twice"},
		"missing-config-file": {"version: 1\ncommon: {configFilePath: nope.yaml}\napps:\n  - {appDirPath: ., command: [x], appPort: 1, daprHTTPPort: 2, daprGRPCPort: 3, daprInternalGRPCPort: 4, metricsPort: 5}\n", "nope.yaml"},
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "dapr.yaml")
			writeFiles(t, filepath.Dir(p), map[string]string{"dapr.yaml": tc.body})
			_, err := LoadTemplate(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}
