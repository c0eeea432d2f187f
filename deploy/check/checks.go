package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The contracts every render must honour (services/contracts holds the same
// names for the Go code).
var (
	appPorts = map[string]int{
		"gateway": 8080, "users": 8101, "auth": 8102, "projects": 8103, "tasks": 8104,
		"invitations": 8105, "collaboration": 8106, "priorities": 8107, "calendar": 8108,
		"notifications": 8109, "audit": 8110, "search": 8111,
	}
	postgresApps   = []string{"users", "projects", "tasks", "invitations", "priorities", "calendar"}
	topics         = []string{"users", "projects", "tasks", "invitations", "comments", "calendar", "priorities", "sessions"}
	deadLetter     = "deadletter"
	componentNames = []string{
		"pubsub", "pubsub-views", "auth-state", "collaboration-state", "priorities-cache", "notifications-state",
		"audit-state", "calendar-actors", "email", "push", "secretstore",
	}
	componentKinds = map[string]string{ // name -> type prefix
		"pubsub": "pubsub.", "pubsub-views": "pubsub.", "auth-state": "state.", "collaboration-state": "state.",
		"priorities-cache": "state.", "notifications-state": "state.", "audit-state": "state.",
		"calendar-actors": "state.", "email": "bindings.", "push": "bindings.", "secretstore": "secretstores.",
	}
	// Who must be in each component's scopes.
	componentUsers = map[string][]string{
		"auth-state": {"auth"}, "collaboration-state": {"collaboration"}, "priorities-cache": {"priorities"},
		"notifications-state": {"notifications"}, "audit-state": {"audit"}, "calendar-actors": {"calendar"},
		"email": {"notifications"}, "push": {"notifications"},
		"pubsub":       {"users", "auth", "projects", "tasks", "invitations", "collaboration", "priorities", "calendar", "notifications", "audit", "search"},
		"pubsub-views": {"gateway", "tasks", "collaboration", "audit", "priorities", "calendar"},
	}
	// The topics each consuming app subscribes to (components/subscriptions/);
	// no other app may subscribe: it serves no route for the deliveries yet.
	subscriptionsWanted = map[string][]string{
		"projects":      {"users"},
		"tasks":         {"projects", "priorities"},
		"invitations":   {"projects", "users"},
		"collaboration": {"projects", "tasks", "users"},
		"audit":         {"users", "projects", "tasks", "invitations", "comments", "calendar", "priorities"},
		"notifications": {"tasks", "projects", "invitations", "comments", "users", "priorities", "calendar"},
		"priorities":    {"tasks", "projects"},
		"calendar":      {"tasks", "projects"},
		"search":        {"tasks", "projects", "comments", "users"},
	}
	// The topics each app's in-memory views read on pubsub-views (one route,
	// no dead-letter topic).
	viewsWanted = map[string][]string{
		"tasks":         {"projects"},
		"collaboration": {"projects"},
		"audit":         {"projects"},
		"priorities":    {"projects"},
		"calendar":      {"projects"},
		"gateway":       {"sessions"},
	}
	daprInternalPort = "50002"
)

type checkOptions struct {
	Name         string
	Namespace    string
	WritableRoot bool
	WantDapr     bool
	WantIstio    bool
	WantNetpol   bool
	KVDir        string
	// DaprAnnotations: the annotations the injector knows (empty: not checked).
	DaprAnnotations map[string]bool
	// ContribDir: components-contrib source; each component's metadata names
	// must appear in its metadata.yaml (empty: not checked).
	ContribDir string
	contrib    map[string]map[string]bool
}

type report struct {
	problems []string
	counts   map[string]int
}

func (r *report) failf(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

func (r *report) summary() string {
	var parts []string
	for _, k := range sortedKeys(r.counts) {
		parts = append(parts, fmt.Sprintf("%d %s", r.counts[k], k))
	}
	return strings.Join(parts, ", ")
}

// render indexes one render's objects.
type render struct {
	objs        []object
	byID        map[string]object
	deployments map[string]object // by name
	services    map[string]object
	accounts    map[string]bool
	components  map[string]object
	configs     map[string]object
}

func index(objs []object, r *report) *render {
	x := &render{
		objs: objs, byID: map[string]object{}, deployments: map[string]object{}, services: map[string]object{},
		accounts: map[string]bool{}, components: map[string]object{}, configs: map[string]object{},
	}
	for _, o := range objs {
		if o.apiVersion() == "" || o.kind() == "" || o.name() == "" {
			r.failf("%s: object without apiVersion, kind or metadata.name", o.file)
			continue
		}
		if _, dup := x.byID[o.id()]; dup {
			r.failf("%s: defined twice", o.id())
		}
		x.byID[o.id()] = o
		r.counts[o.kind()]++
		switch o.kind() {
		case "Deployment":
			// Infrastructure of dev renders (deploy/dev-infra) is not an app.
			if str(o.m, "metadata", "labels", "app.kubernetes.io/part-of") == "taskrocket" {
				x.deployments[o.name()] = o
			}
		case "Service":
			x.services[o.name()] = o
		case "ServiceAccount":
			x.accounts[o.name()] = true
		case "Component":
			x.components[o.name()] = o
		case "Configuration":
			x.configs[o.name()] = o
		}
	}
	return x
}

func check(objs []object, opt checkOptions) *report {
	r := &report{counts: map[string]int{}}
	x := index(objs, r)
	if len(objs) == 0 {
		r.failf("nothing rendered")
	}
	for _, name := range sortedKeys(x.deployments) {
		checkDeployment(x, x.deployments[name], opt, r)
	}
	for _, o := range objs {
		switch o.kind() {
		case "PodDisruptionBudget":
			if len(x.selected(mapOf(get(o.m, "spec", "selector", "matchLabels")))) == 0 {
				r.failf("%s: selects no Deployment", o.id())
			}
		case "NetworkPolicy":
			checkNetworkPolicy(x, o, r)
		case "HorizontalPodAutoscaler":
			checkAutoscaler(x, o, r)
		}
	}
	checkStatefulSets(x, r)
	if opt.WantDapr {
		checkDapr(x, &opt, r)
	}
	checkIstio(x, opt, r)
	if opt.WantNetpol && r.counts["NetworkPolicy"] == 0 {
		r.failf("no NetworkPolicy rendered")
	}
	return r
}

// checkAutoscaler: an HPA scales a rendered Deployment that leaves its
// replicas to it (a fixed replicas would be reset on every apply).
func checkAutoscaler(x *render, o object, r *report) {
	target := mapOf(get(o.m, "spec", "scaleTargetRef"))
	d, ok := x.deployments[str(target, "name")]
	switch {
	case str(target, "kind") != "Deployment" || !ok:
		r.failf("%s: scales %s/%s, not a rendered Deployment", o.id(), str(target, "kind"), str(target, "name"))
	case get(d.m, "spec", "replicas") != nil:
		r.failf("%s: %s sets replicas, which the autoscaler owns", o.id(), d.id())
	}
}

// selected returns the Deployments whose pod labels include labels.
func (x *render) selected(labels map[string]any) []string {
	if len(labels) == 0 {
		return nil
	}
	var out []string
	for _, name := range sortedKeys(x.deployments) {
		pod := mapOf(get(x.deployments[name].m, "spec", "template", "metadata", "labels"))
		ok := true
		for k, v := range labels {
			if pod[k] != v {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, name)
		}
	}
	return out
}

func containers(pod map[string]any, key string) []map[string]any {
	var out []map[string]any
	for _, c := range listOf(pod[key]) {
		out = append(out, mapOf(c))
	}
	return out
}

func envOf(c map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, e := range listOf(c["env"]) {
		em := mapOf(e)
		out[str(em, "name")] = em
	}
	return out
}

func checkDeployment(x *render, d object, opt checkOptions, r *report) {
	app := d.name()
	id := d.id()
	port, known := appPorts[app]
	if !known {
		r.failf("%s: not a TaskRocket app id", id)
		return
	}
	tmpl := mapOf(get(d.m, "spec", "template"))
	pod := mapOf(tmpl["spec"])
	ann := mapOf(get(tmpl, "metadata", "annotations"))
	labels := mapOf(get(tmpl, "metadata", "labels"))
	sel := mapOf(get(d.m, "spec", "selector", "matchLabels"))
	for k, v := range sel {
		if labels[k] != v {
			r.failf("%s: selector %s=%v does not match the pod labels", id, k, v)
		}
	}
	if labels["app.kubernetes.io/name"] != app {
		r.failf("%s: pod label app.kubernetes.io/name must be %q", id, app)
	}

	// Dapr annotations.
	want := map[string]string{
		"dapr.io/enabled": "true", "dapr.io/app-id": app, "dapr.io/app-port": strconv.Itoa(port),
		"dapr.io/app-protocol": "http", "dapr.io/enable-metrics": "true", "dapr.io/log-as-json": "",
		"dapr.io/metrics-port": "", "dapr.io/config": "", "dapr.io/app-token-secret": "", "dapr.io/api-token-secret": "",
		"dapr.io/sidecar-cpu-limit": "", "dapr.io/sidecar-memory-limit": "",
	}
	for k, v := range want {
		got, ok := ann[k].(string)
		switch {
		case !ok:
			r.failf("%s: annotation %s missing (or not a string)", id, k)
		case v != "" && got != v:
			r.failf("%s: annotation %s is %q, want %q", id, k, got, v)
		}
	}
	if cfg, _ := ann["dapr.io/config"].(string); opt.WantDapr && cfg != "" {
		if _, ok := x.configs[cfg]; !ok {
			r.failf("%s: dapr.io/config %q names no rendered Configuration", id, cfg)
		}
	}

	// Pod security.
	if get(pod, "securityContext", "runAsNonRoot") != true {
		r.failf("%s: pod securityContext.runAsNonRoot must be true", id)
	}
	if sa := str(pod, "serviceAccountName"); sa == "" || !x.accounts[sa] {
		r.failf("%s: serviceAccountName %q has no rendered ServiceAccount", id, sa)
	}

	main := containers(pod, "containers")
	if len(main) != 1 {
		r.failf("%s: want exactly one app container (daprd is injected), got %d", id, len(main))
		return
	}
	c := main[0]
	if str(c, "name") != app {
		r.failf("%s: app container must be named %q", id, app)
	}
	image := str(c, "image")
	if cmd := strings_(c["command"]); len(cmd) != 1 || cmd[0] != "/app/"+app {
		r.failf("%s: command must be [/app/%s], got %v", id, app, cmd)
	}
	ports := listOf(c["ports"])
	if len(ports) != 1 || get(mapOf(ports[0]), "name") != "http" || toInt(get(mapOf(ports[0]), "containerPort")) != port {
		r.failf("%s: want one container port named http = %d", id, port)
	}
	for probe, path := range map[string]string{"livenessProbe": "/healthz", "readinessProbe": "/readyz", "startupProbe": "/healthz"} {
		if p := str(c, probe, "httpGet", "path"); p != path {
			r.failf("%s: %s path is %q, want %q", id, probe, p, path)
		}
		if pp := get(c, probe, "httpGet", "port"); pp != "http" && toInt(pp) != port {
			r.failf("%s: %s must probe the app port", id, probe)
		}
	}
	if get(c, "resources", "requests", "cpu") == nil || get(c, "resources", "requests", "memory") == nil || get(c, "resources", "limits", "memory") == nil {
		r.failf("%s: container needs cpu and memory requests and a memory limit", id)
	}
	prefix := strings.ToUpper(app)
	env := envOf(c)
	if str(env[prefix+"_PORT"], "value") != strconv.Itoa(port) {
		r.failf("%s: %s_PORT must be %d", id, prefix, port)
	}
	// daprd gets the token Secrets from the annotations; the app must read the same ones.
	for envName, annotation := range map[string]string{"APP_API_TOKEN": "dapr.io/app-token-secret", "DAPR_API_TOKEN": "dapr.io/api-token-secret"} {
		secret, _ := ann[annotation].(string)
		if got := str(env[envName], "valueFrom", "secretKeyRef", "name"); got != secret || str(env[envName], "valueFrom", "secretKeyRef", "key") != "token" {
			r.failf("%s: %s must come from Secret %q key token (as %s), got %q", id, envName, secret, annotation, got)
		}
	}
	for k := range ann {
		if strings.HasPrefix(k, "dapr.io/") && len(opt.DaprAnnotations) > 0 && !opt.DaprAnnotations[k] {
			r.failf("%s: annotation %s is unknown to the Dapr sidecar injector", id, k)
		}
	}
	if _, ok := env[prefix+"_LOG_LEVEL"]; !ok {
		r.failf("%s: %s_LOG_LEVEL missing", id, prefix)
	}
	for _, all := range [][]map[string]any{main, containers(pod, "initContainers")} {
		for _, cc := range all {
			checkContainerSecurity(id+"/"+str(cc, "name"), cc, opt, r)
		}
	}

	hasDB := slices.Contains(postgresApps, app)
	dbEnv := env[prefix+"_DATABASE_URL"]
	if hasDB != (dbEnv != nil) {
		r.failf("%s: %s_DATABASE_URL present=%v, want %v", id, prefix, dbEnv != nil, hasDB)
	}
	if dbEnv != nil && get(dbEnv, "valueFrom", "secretKeyRef", "name") == nil {
		r.failf("%s: %s_DATABASE_URL must come from a Secret", id, prefix)
	}
	inits := containers(pod, "initContainers")
	var migrate map[string]any
	for _, ic := range inits {
		if str(ic, "name") == "migrate" {
			migrate = ic
		}
	}
	if hasDB {
		switch {
		case migrate == nil:
			r.failf("%s: Postgres-backed app without a migrate init container", id)
		case str(migrate, "image") != image:
			r.failf("%s: migrate runs image %q, the app %q", id, str(migrate, "image"), image)
		case !slices.Equal(strings_(migrate["args"]), []string{"migrate"}):
			r.failf("%s: migrate init container must run `/app/%s migrate`", id, app)
		case envOf(migrate)[prefix+"_DATABASE_URL"] == nil:
			r.failf("%s: migrate init container lacks %s_DATABASE_URL", id, prefix)
		}
	}
	if app == "gateway" && env["GATEWAY_UI_DIR"] == nil {
		r.failf("%s: GATEWAY_UI_DIR missing", id)
	}
	if app == "search" && env["SEARCH_ENGINE"] == nil {
		r.failf("%s: SEARCH_ENGINE missing", id)
	}
	if app == "search" && str(env["SEARCH_ENGINE"], "value") == "elasticsearch" && env["SEARCH_ELASTICSEARCH_URL"] == nil {
		r.failf("%s: SEARCH_ENGINE=elasticsearch without SEARCH_ELASTICSEARCH_URL", id)
	}

	// Its Service.
	svc, ok := x.services[app]
	if !ok {
		r.failf("%s: no Service %q", id, app)
		return
	}
	svcSel := mapOf(get(svc.m, "spec", "selector"))
	if len(svcSel) == 0 || !slices.Contains(x.selected(svcSel), app) {
		r.failf("%s: does not select the pods of Deployment %s", svc.id(), app)
	}
	sp := listOf(get(svc.m, "spec", "ports"))
	if len(sp) != 1 || toInt(get(mapOf(sp[0]), "port")) != port || get(mapOf(sp[0]), "targetPort") != "http" {
		r.failf("%s: want one port %d -> targetPort http", svc.id(), port)
	}
}

func checkContainerSecurity(id string, c map[string]any, opt checkOptions, r *report) {
	sc := mapOf(c["securityContext"])
	if sc["allowPrivilegeEscalation"] != false {
		r.failf("%s: allowPrivilegeEscalation must be false", id)
	}
	if !slices.Contains(strings_(get(sc, "capabilities", "drop")), "ALL") {
		r.failf("%s: capabilities must drop ALL", id)
	}
	if sc["readOnlyRootFilesystem"] != true && !opt.WritableRoot {
		r.failf("%s: readOnlyRootFilesystem must be true", id)
	}
}

func checkNetworkPolicy(x *render, o object, r *report) {
	sel := mapOf(get(o.m, "spec", "podSelector", "matchLabels"))
	if len(x.selected(sel)) == 0 {
		r.failf("%s: podSelector selects no Deployment", o.id())
	}
	for _, rule := range listOf(get(o.m, "spec", "ingress")) {
		for _, from := range listOf(mapOf(rule)["from"]) {
			if ps := mapOf(get(mapOf(from), "podSelector", "matchLabels")); ps != nil && len(x.selected(ps)) == 0 {
				r.failf("%s: a podSelector in from selects no Deployment", o.id())
			}
		}
		for _, p := range listOf(mapOf(rule)["ports"]) {
			if toInt(mapOf(p)["port"]) <= 0 {
				r.failf("%s: port %v is not a number", o.id(), mapOf(p)["port"])
			}
		}
	}
}

func toInt(v any) int {
	switch n := v.(type) {
	case float64:
		return int(n)
	case int:
		return n
	case int64:
		return int(n)
	case string:
		i, _ := strconv.Atoi(n)
		return i
	}
	return 0
}
