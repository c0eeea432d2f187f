package main

import (
	"regexp"
	"strings"
)

// rsInitiateHost is the host a MongoDB replica set is initiated with in a
// container's shell script: rs.initiate({... host: '<host>' ...}).
var rsInitiateHost = regexp.MustCompile(`rs\.initiate\(.*host:\s*["']([^"']+)["']`)

// checkStatefulSets checks what a stateful server needs before it can be
// ready. A StatefulSet's serviceName must be a rendered headless Service
// that publishes not-ready addresses and selects its pods: the pods' own
// DNS names exist only through it, and a server that must reach itself
// under that name to become ready (a replica set being initiated) would
// otherwise never be. A MongoDB replica set is initiated with such a name,
// never with a ClusterIP Service, which has no endpoint until the pod is
// ready.
func checkStatefulSets(x *render, r *report) {
	for _, o := range x.objs {
		pod := mapOf(get(o.m, "spec", "template", "spec"))
		if pod == nil {
			continue
		}
		var initHosts []string
		for _, c := range containers(pod, "containers") {
			script := strings.Join(strings_(c["args"]), "\n") + strings.Join(strings_(c["command"]), "\n")
			for _, m := range rsInitiateHost.FindAllStringSubmatch(script, -1) {
				initHosts = append(initHosts, m[1])
			}
		}
		if o.kind() != "StatefulSet" {
			if len(initHosts) > 0 {
				r.failf("%s: initiates a replica set but is not a StatefulSet (its pod has no stable name)", o.id())
			}
			continue
		}
		headless := str(o.m, "spec", "serviceName")
		svc, ok := x.services[headless]
		switch {
		case !ok:
			r.failf("%s: serviceName %q is not a rendered Service", o.id(), headless)
			continue
		case str(svc.m, "spec", "clusterIP") != "None":
			r.failf("%s: Service %s must be headless (clusterIP: None)", o.id(), headless)
		case get(svc.m, "spec", "publishNotReadyAddresses") != true:
			r.failf("%s: Service %s must publish not-ready addresses, or the pod cannot resolve itself before it is ready", o.id(), headless)
		}
		labels := mapOf(get(o.m, "spec", "template", "metadata", "labels"))
		for k, v := range mapOf(get(svc.m, "spec", "selector")) {
			if labels[k] != v {
				r.failf("%s: Service %s does not select its pods", o.id(), headless)
				break
			}
		}
		for _, h := range initHosts {
			if !strings.Contains(h, "."+headless+".") && !strings.HasSuffix(strings.Split(h, ":")[0], "."+headless) {
				r.failf("%s: replica set initiated with host %q, not a pod name under the headless Service %s", o.id(), h, headless)
			}
		}
	}
}
