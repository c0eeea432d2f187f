package main

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Metadata the Dapr runtime reads for any component of a kind.
var runtimeMetadata = map[string]bool{"actorStateStore": true, "keyPrefix": true, "consumerID": true}

var metadataName = regexp.MustCompile(`(?m)^\s*- name:\s*"?([A-Za-z0-9_.-]+)"?\s*$`)

// ContribMetadata returns the metadata names of a component type
// ("pubsub.kafka" -> pubsub/kafka/metadata.yaml), or nil when unknown.
func (o *checkOptions) ContribMetadata(typ string) map[string]bool {
	if o.ContribDir == "" {
		return nil
	}
	if names, ok := o.contrib[typ]; ok {
		return names
	}
	if o.contrib == nil {
		o.contrib = map[string]map[string]bool{}
	}
	kind, impl, _ := strings.Cut(typ, ".")
	data, err := os.ReadFile(filepath.Join(o.ContribDir, kind, strings.ReplaceAll(impl, ".", "/"), "metadata.yaml"))
	if err != nil {
		o.contrib[typ] = nil
		return nil
	}
	names := map[string]bool{}
	for _, m := range metadataName.FindAllStringSubmatch(string(data), -1) {
		names[m[1]] = true
	}
	o.contrib[typ] = names
	return names
}

func checkDapr(x *render, opt *checkOptions, r *report) {
	apps := slices.Sorted(maps.Keys(appPorts))
	knownApp := func(a string) bool { return slices.Contains(apps, a) }

	for _, name := range componentNames {
		if _, ok := x.components[name]; !ok {
			r.failf("Component/%s missing", name)
		}
	}
	for _, name := range sortedKeys(x.components) {
		o := x.components[name]
		typ := str(o.m, "spec", "type")
		if want, ok := componentKinds[name]; !ok {
			r.failf("%s: not a TaskRocket component name", o.id())
		} else if !strings.HasPrefix(typ, want) {
			r.failf("%s: type %q, want a %s* component", o.id(), typ, want)
		}
		scopes := strings_(o.m["scopes"])
		if len(scopes) == 0 {
			r.failf("%s: no scopes (every app would load it)", o.id())
		}
		for _, s := range scopes {
			if !knownApp(s) {
				r.failf("%s: scope %q is not an app id", o.id(), s)
			}
		}
		for _, u := range componentUsers[name] {
			if !slices.Contains(scopes, u) {
				r.failf("%s: %s uses it but is not in its scopes", o.id(), u)
			}
		}
		for i, md := range listOf(get(o.m, "spec", "metadata")) {
			m := mapOf(md)
			_, hasValue := m["value"]
			ref := mapOf(m["secretKeyRef"])
			if str(m, "name") == "" || hasValue == (ref != nil) {
				r.failf("%s: metadata[%d] needs a name and exactly one of value or secretKeyRef", o.id(), i)
			}
			if ref != nil && (str(ref, "name") == "" || str(ref, "key") == "") {
				r.failf("%s: metadata %s: secretKeyRef needs name and key", o.id(), str(m, "name"))
			}
			if known := opt.ContribMetadata(typ); known != nil && !known[str(m, "name")] && !runtimeMetadata[str(m, "name")] {
				r.failf("%s: metadata %q is not a field of %s (components-contrib metadata.yaml)", o.id(), str(m, "name"), typ)
			}
			if str(m, "name") == "actorStateStore" && name != "calendar-actors" {
				r.failf("%s: only calendar-actors is the actor state store", o.id())
			}
		}
	}

	subs, views := map[string][]string{}, map[string][]string{}
	for _, o := range x.objs {
		switch o.kind() {
		case "Subscription":
			if o.apiVersion() != "dapr.io/v2alpha1" {
				r.failf("%s: want dapr.io/v2alpha1", o.id())
			}
			ps := str(o.m, "spec", "pubsubname")
			comp, ok := x.components[ps]
			if !ok || !strings.HasPrefix(str(comp.m, "spec", "type"), "pubsub.") {
				r.failf("%s: pubsubname %q is not a rendered pub/sub component", o.id(), ps)
			}
			topic := str(o.m, "spec", "topic")
			if !slices.Contains(topics, topic) {
				r.failf("%s: unknown topic %q", o.id(), topic)
			}
			if route := str(o.m, "spec", "routes", "default"); !strings.HasPrefix(route, "/") {
				r.failf("%s: routes.default %q must be a path", o.id(), route)
			}
			for i, rule := range listOf(get(o.m, "spec", "routes", "rules")) {
				rm := mapOf(rule)
				if !strings.Contains(str(rm, "match"), "event.type") || !strings.HasPrefix(str(rm, "path"), "/") {
					r.failf("%s: routes.rules[%d] needs a match on event.type and a path", o.id(), i)
				}
			}
			into := subs
			if ps == "pubsub-views" {
				into = views
				if str(o.m, "spec", "deadLetterTopic") != "" || len(listOf(get(o.m, "spec", "routes", "rules"))) > 0 {
					r.failf("%s: a view's subscription has one default route and no deadLetterTopic", o.id())
				}
			} else if str(o.m, "spec", "deadLetterTopic") != deadLetter {
				r.failf("%s: deadLetterTopic must be %q", o.id(), deadLetter)
			}
			scopes := strings_(o.m["scopes"])
			if len(scopes) == 0 {
				r.failf("%s: no scopes", o.id())
			}
			for _, s := range scopes {
				if ok && !slices.Contains(strings_(comp.m["scopes"]), s) {
					r.failf("%s: subscriber %s is not in the scopes of %s", o.id(), s, comp.id())
				}
				into[s] = append(into[s], topic)
			}
		case "Configuration":
			ac := mapOf(get(o.m, "spec", "accessControl"))
			if str(ac, "defaultAction") != "deny" || str(ac, "trustDomain") == "" {
				r.failf("%s: accessControl needs defaultAction deny and a trustDomain", o.id())
			}
			for _, p := range listOf(ac["policies"]) {
				pm := mapOf(p)
				if !knownApp(str(pm, "appId")) {
					r.failf("%s: policy for unknown app %q", o.id(), str(pm, "appId"))
				}
				if str(pm, "namespace") != opt.Namespace || str(pm, "trustDomain") == "" {
					r.failf("%s: policy %s: namespace %q (want %q) and a trustDomain", o.id(), str(pm, "appId"), str(pm, "namespace"), opt.Namespace)
				}
				for _, op := range listOf(pm["operations"]) {
					if !strings.HasPrefix(str(mapOf(op), "name"), "/") || str(mapOf(op), "action") == "" {
						r.failf("%s: policy %s: operations need a /path and an action", o.id(), str(pm, "appId"))
					}
				}
			}
			if get(o.m, "spec", "metrics", "enabled") != true {
				r.failf("%s: metrics must be enabled", o.id())
			}
			if str(o.m, "spec", "tracing", "samplingRate") == "" {
				r.failf("%s: tracing.samplingRate missing", o.id())
			}
		case "Resiliency":
			pol := mapOf(get(o.m, "spec", "policies"))
			has := func(kind, name string) bool { _, ok := mapOf(pol[kind])[name]; return ok }
			checkTarget := func(what string, t map[string]any) {
				for field, kind := range map[string]string{"timeout": "timeouts", "retry": "retries", "circuitBreaker": "circuitBreakers"} {
					if n := str(t, field); n != "" && !has(kind, n) {
						r.failf("%s: %s refers to undefined %s %q", o.id(), what, kind, n)
					}
				}
			}
			appsT := mapOf(get(o.m, "spec", "targets", "apps"))
			for _, a := range sortedKeys(appsT) {
				if !knownApp(a) {
					r.failf("%s: target app %q unknown", o.id(), a)
				}
				checkTarget("apps."+a, mapOf(appsT[a]))
			}
			comps := mapOf(get(o.m, "spec", "targets", "components"))
			if _, ok := comps["pubsub"]; !ok {
				r.failf("%s: no policy for the pubsub component", o.id())
			}
			for _, cn := range sortedKeys(comps) {
				if _, ok := x.components[cn]; !ok {
					r.failf("%s: target component %q not rendered", o.id(), cn)
				}
				for _, dir := range []string{"inbound", "outbound"} {
					checkTarget(cn+"."+dir, mapOf(mapOf(comps[cn])[dir]))
				}
			}
			if len(appsT) == 0 {
				r.failf("%s: no service-invocation targets", o.id())
			}
		}
	}
	if r.counts["Resiliency"] == 0 {
		r.failf("no Resiliency rendered")
	}
	for _, app := range sortedKeys(subs) {
		if _, ok := subscriptionsWanted[app]; !ok {
			r.failf("%s subscribes to %v but consumes no events", app, subs[app])
		}
	}
	for app, want := range subscriptionsWanted {
		got := slices.Sorted(slices.Values(subs[app]))
		if !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			r.failf("subscriptions of %s: %v, want %v", app, got, slices.Sorted(slices.Values(want)))
		}
	}
	for _, app := range sortedKeys(views) {
		if got, want := slices.Sorted(slices.Values(views[app])), viewsWanted[app]; !slices.Equal(got, want) {
			r.failf("view subscriptions of %s: %v, want %v", app, got, want)
		}
	}
	for app := range viewsWanted {
		if len(views[app]) == 0 {
			r.failf("%s has no view subscription on pubsub-views", app)
		}
	}
	for _, d := range sortedKeys(x.deployments) {
		if _, ok := x.configs[str(x.deployments[d].m, "spec", "template", "metadata", "annotations", "dapr.io/config")]; !ok {
			r.failf("Deployment/%s: its Dapr Configuration is not rendered", d)
		}
	}
}
