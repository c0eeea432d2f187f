package stack

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The Dapr resources in dapr/ and components/ are checked here because the
// launcher is what runs them; these tests fail when a file drifts from the
// design in dapr/README.md and components/local/README.md.

func readYAMLDocs(t *testing.T, path string) []map[string]any {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var docs []map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	for {
		var d map[string]any
		if err := dec.Decode(&d); errors.Is(err, io.EOF) {
			return docs
		} else if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if d != nil {
			docs = append(docs, d)
		}
	}
}

func specOf(t *testing.T, path string) map[string]any {
	t.Helper()
	docs := readYAMLDocs(t, path)
	if len(docs) != 1 || docs[0]["kind"] != "Configuration" {
		t.Fatalf("%s: want one Configuration", path)
	}
	return docs[0]["spec"].(map[string]any)
}

// allowed lists who may call each app; "jwks" callers may only GET auth's
// /.well-known/jwks.json.
var allowed = map[string][]string{
	"gateway":  {},
	"users":    {"gateway", "invitations", "notifications", "projects", "collaboration", "search"},
	"auth":     {"gateway", "users"},
	"projects": {"gateway", "tasks", "invitations", "collaboration", "priorities", "calendar", "notifications", "audit", "search"},
	"tasks":    {"gateway", "priorities", "calendar", "collaboration", "audit", "search"},
	// search reads every task's comments when it rebuilds its index.
	"collaboration": {"gateway", "search"},
}

func TestEachAppConfigIsTheBaseConfigPlusItsCallers(t *testing.T) {
	base := specOf(t, repoPath("dapr", "config.yaml"))
	baseACL := base["accessControl"].(map[string]any)
	if baseACL["defaultAction"] != "deny" || baseACL["policies"] != nil {
		t.Fatalf("dapr/config.yaml must let nobody in: %v", baseACL)
	}
	delete(base, "accessControl")
	for _, app := range serviceOrder {
		spec := specOf(t, repoPath("dapr", "config", app+".yaml"))
		acl := spec["accessControl"].(map[string]any)
		delete(spec, "accessControl")
		if !reflect.DeepEqual(spec, base) {
			t.Errorf("%s.yaml differs from dapr/config.yaml outside accessControl", app)
		}
		if acl["defaultAction"] != "deny" || acl["trustDomain"] != "public" {
			t.Errorf("%s: accessControl %v", app, acl)
		}
		want, ok := allowed[app]
		if !ok {
			want = []string{"gateway"}
		}
		var full, jwks []string
		policies, _ := acl["policies"].([]any)
		for _, p := range policies {
			pol := p.(map[string]any)
			if pol["namespace"] != "default" || pol["trustDomain"] != "public" {
				t.Errorf("%s: policy %v", app, pol)
			}
			switch pol["defaultAction"] {
			case "allow":
				full = append(full, pol["appId"].(string))
			case "deny":
				ops := pol["operations"].([]any)
				op := ops[0].(map[string]any)
				if len(ops) != 1 || op["name"] != "/.well-known/jwks.json" || op["action"] != "allow" ||
					!reflect.DeepEqual(op["httpVerb"], []any{"GET"}) {
					t.Errorf("%s: operations of %v: %v", app, pol["appId"], ops)
				}
				jwks = append(jwks, pol["appId"].(string))
			}
		}
		if !slices.Equal(full, want) {
			t.Errorf("%s may be called by %v, want %v", app, full, want)
		}
		var wantJWKS []string
		if app == "auth" {
			for _, a := range serviceOrder {
				if !slices.Contains(want, a) && a != "auth" {
					wantJWKS = append(wantJWKS, a)
				}
			}
		}
		if !slices.Equal(jwks, wantJWKS) {
			t.Errorf("%s: JWKS-only callers %v, want %v", app, jwks, wantJWKS)
		}
	}
}

// scopes of each local component.
var componentScopes = map[string][]string{
	"secretstore": serviceOrder, "pubsub": serviceOrder,
	// Apps that keep an in-memory view fed by every event (services/platform/membership, the gateway's sessions).
	"pubsub-views": {"gateway", "tasks", "collaboration", "priorities", "calendar", "notifications", "audit", "search"},
	"auth-state":   {"auth"}, "collaboration-state": {"collaboration"}, "priorities-cache": {"priorities"},
	"notifications-state": {"notifications"}, "audit-state": {"audit"}, "calendar-actors": {"calendar"},
	"email": {"notifications"}, "push": {"notifications"},
}

func TestLocalComponentsAreScopedAndTakeSettingsFromTheSecretStore(t *testing.T) {
	defaults, err := ReadEnvFile(repoPath("dapr", "local.env"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(repoPath("components", "local", "*.yaml"))
	seen := map[string]bool{}
	for _, f := range files {
		for _, d := range readYAMLDocs(t, f) {
			name := d["metadata"].(map[string]any)["name"].(string)
			seen[name] = true
			var scopes []string
			for _, s := range d["scopes"].([]any) {
				scopes = append(scopes, s.(string))
			}
			if d["kind"] == "Resiliency" {
				if !slices.Equal(scopes, serviceOrder) {
					t.Errorf("%s: scopes %v", name, scopes)
				}
				continue
			}
			if want := componentScopes[name]; !slices.Equal(scopes, want) {
				t.Errorf("component %s: scopes %v, want %v", name, scopes, want)
			}
			checkSettingsFromSecretStore(t, d, defaults)
		}
	}
	for name := range componentScopes {
		if !seen[name] {
			t.Errorf("components/local has no %s", name)
		}
	}
}

// checkSettingsFromSecretStore fails for a connection setting written in a
// component, and for a secret without a default in dapr/local.env.
func checkSettingsFromSecretStore(t *testing.T, d map[string]any, defaults map[string]string) {
	t.Helper()
	name := d["metadata"].(map[string]any)["name"]
	items, _ := d["spec"].(map[string]any)["metadata"].([]any)
	for _, it := range items {
		m := it.(map[string]any)
		ref, isRef := m["secretKeyRef"].(map[string]any)
		if !isRef {
			if v, _ := m["value"].(string); strings.Contains(v, "127.0.0.1") || strings.Contains(v, "://") {
				t.Errorf("%s: %s is a connection setting; take it from the secret store", name, m["name"])
			}
			continue
		}
		if auth, _ := d["auth"].(map[string]any); auth["secretStore"] != "secretstore" {
			t.Errorf("%s: secretKeyRef without auth.secretStore: secretstore", name)
		}
		if _, ok := defaults[SecretPrefix+ref["name"].(string)]; !ok || ref["name"] != ref["key"] {
			t.Errorf("%s: secret %v has no %s%v default in dapr/local.env", name, ref, SecretPrefix, ref["name"])
		}
	}
}

// componentNames maps each resource name in a folder to its file.
func componentNames(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	out := map[string]string{}
	for _, f := range files {
		for _, d := range readYAMLDocs(t, f) {
			out[d["metadata"].(map[string]any)["name"].(string)] = filepath.Base(f)
		}
	}
	return out
}

func TestEachVariantSwapsItsComponentAndKeepsTheRest(t *testing.T) {
	defaults, err := ReadEnvFile(repoPath("dapr", "local.env"))
	if err != nil {
		t.Fatal(err)
	}
	local := componentNames(t, repoPath("components", "local"))
	variants, _ := filepath.Glob(repoPath("components", "variants", "*"))
	if len(variants) < 2 {
		t.Fatalf("variants: %v", variants)
	}
	for _, dir := range variants {
		if !isDir(dir) {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got := componentNames(t, dir)
			if !reflect.DeepEqual(got, local) {
				t.Fatalf("resources %v, want the same names and files as components/local %v", got, local)
			}
			replaced := 0
			for _, file := range slices.Compact(slices.Sorted(maps.Values(got))) {
				p := filepath.Join(dir, file)
				fi, err := os.Lstat(p)
				if err != nil {
					t.Fatal(err)
				}
				if fi.Mode()&os.ModeSymlink != 0 {
					if target, _ := os.Readlink(p); target != "../../local/"+file {
						t.Errorf("%s links to %s, want ../../local/%s", file, target, file)
					}
					continue
				}
				replaced++
				for _, d := range readYAMLDocs(t, p) {
					checkSettingsFromSecretStore(t, d, defaults)
				}
			}
			if replaced != 1 {
				t.Errorf("%d files replaced, want 1", replaced)
			}
		})
	}
}

// Every declarative subscription belongs to one subscriber, routes by event
// type with a default route, and dead-letters what its retries cannot
// deliver; or it feeds a view of every instance (pubsub-views), which has
// a default route and no dead letters (a view reloads what it misses).
func TestSubscriptionsAreScopedToTheirSubscriber(t *testing.T) {
	files, _ := filepath.Glob(repoPath("components", "subscriptions", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("components/subscriptions holds no subscription")
	}
	for _, f := range files {
		app := strings.TrimSuffix(filepath.Base(f), ".yaml")
		for _, d := range readYAMLDocs(t, f) {
			name := d["metadata"].(map[string]any)["name"]
			if d["kind"] != "Subscription" || d["apiVersion"] != "dapr.io/v2alpha1" {
				t.Errorf("%s: %v %v, want dapr.io/v2alpha1 Subscription", name, d["apiVersion"], d["kind"])
				continue
			}
			scopes, _ := d["scopes"].([]any)
			if len(scopes) != 1 || scopes[0] != app || !slices.Contains(serviceOrder, app) {
				t.Errorf("%s in %s: scopes %v, want [%s]", name, filepath.Base(f), scopes, app)
			}
			spec := d["spec"].(map[string]any)
			routes, _ := spec["routes"].(map[string]any)
			if spec["pubsubname"] == "pubsub-views" {
				if spec["deadLetterTopic"] != nil || routes["default"] == nil {
					t.Errorf("%s: a view's subscription has a default route and no dead-letter topic; got %v", name, spec)
				}
				continue
			}
			if spec["pubsubname"] != "pubsub" || spec["deadLetterTopic"] != "deadletter" || routes["default"] == nil {
				t.Errorf("%s: want pubsubname pubsub, deadLetterTopic deadletter and a default route; got %v", name, spec)
			}
		}
	}
}
