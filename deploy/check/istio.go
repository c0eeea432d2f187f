package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The Istio fields the cross-reference checks read. The objects' schema is
// checked by kubectl-validate against the CRDs istio.io/api ships
// (deploy/validate.sh); these checks cover what a schema cannot see: names
// that must refer to rendered objects, ports of the selected pods, the
// mesh-wide policies every render must have.
type (
	istioMeta struct {
		Name        string            `json:"name"`
		Namespace   string            `json:"namespace,omitempty"`
		Labels      map[string]string `json:"labels,omitempty"`
		Annotations map[string]string `json:"annotations,omitempty"`
	}
	istioGateway struct {
		APIVersion string    `json:"apiVersion"`
		Kind       string    `json:"kind"`
		Metadata   istioMeta `json:"metadata"`
		Spec       struct {
			Selector map[string]string `json:"selector"`
			Servers  []istioServer     `json:"servers"`
		} `json:"spec"`
	}
	istioServer struct {
		Port struct {
			Number   int    `json:"number"`
			Name     string `json:"name"`
			Protocol string `json:"protocol"`
		} `json:"port"`
		Hosts []string `json:"hosts"`
		TLS   *struct {
			Mode           string `json:"mode,omitempty"`
			CredentialName string `json:"credentialName,omitempty"`
			HTTPSRedirect  bool   `json:"httpsRedirect,omitempty"`
		} `json:"tls,omitempty"`
	}
	istioDestination struct {
		Host string `json:"host"`
		Port *struct {
			Number int `json:"number"`
		} `json:"port,omitempty"`
		Subset string `json:"subset,omitempty"`
	}
	istioVirtualService struct {
		APIVersion string    `json:"apiVersion"`
		Kind       string    `json:"kind"`
		Metadata   istioMeta `json:"metadata"`
		Spec       struct {
			Hosts    []string `json:"hosts"`
			Gateways []string `json:"gateways"`
			HTTP     []struct {
				Name  string `json:"name,omitempty"`
				Route []struct {
					Destination istioDestination `json:"destination"`
					Weight      int              `json:"weight,omitempty"`
				} `json:"route"`
				Timeout string `json:"timeout,omitempty"`
			} `json:"http"`
		} `json:"spec"`
	}
	istioSelector struct {
		MatchLabels map[string]string `json:"matchLabels"`
	}
	istioPeerAuthentication struct {
		APIVersion string    `json:"apiVersion"`
		Kind       string    `json:"kind"`
		Metadata   istioMeta `json:"metadata"`
		Spec       struct {
			Selector *istioSelector `json:"selector,omitempty"`
			MTLS     struct {
				Mode string `json:"mode"`
			} `json:"mtls"`
			PortLevelMTLS map[string]struct {
				Mode string `json:"mode"`
			} `json:"portLevelMtls,omitempty"`
		} `json:"spec"`
	}
	istioAuthorizationPolicy struct {
		APIVersion string    `json:"apiVersion"`
		Kind       string    `json:"kind"`
		Metadata   istioMeta `json:"metadata"`
		Spec       struct {
			Selector *istioSelector `json:"selector,omitempty"`
			Action   string         `json:"action,omitempty"`
			Rules    []struct {
				From []struct {
					Source struct {
						Principals []string `json:"principals,omitempty"`
						Namespaces []string `json:"namespaces,omitempty"`
					} `json:"source"`
				} `json:"from,omitempty"`
				To []struct {
					Operation struct {
						Ports   []string `json:"ports,omitempty"`
						Methods []string `json:"methods,omitempty"`
						Paths   []string `json:"paths,omitempty"`
					} `json:"operation"`
				} `json:"to,omitempty"`
			} `json:"rules,omitempty"`
		} `json:"spec"`
	}
)

func checkIstio(x *render, opt checkOptions, r *report) {
	var (
		gateways  = map[string]istioGateway{}
		vss       []istioVirtualService
		pas       []istioPeerAuthentication
		policies  []istioAuthorizationPolicy
		istioObjs int
	)
	for _, o := range x.objs {
		if !isIstio(o) {
			continue
		}
		istioObjs++
		var err error
		switch o.kind() {
		case "Gateway":
			var g istioGateway
			if err = decode(o, &g); err == nil {
				gateways[g.Metadata.Name] = g
			}
		case "VirtualService":
			var v istioVirtualService
			if err = decode(o, &v); err == nil {
				vss = append(vss, v)
			}
		case "PeerAuthentication":
			var p istioPeerAuthentication
			if err = decode(o, &p); err == nil {
				pas = append(pas, p)
			}
		case "AuthorizationPolicy":
			var p istioAuthorizationPolicy
			if err = decode(o, &p); err == nil {
				policies = append(policies, p)
			}
		default:
			err = fmt.Errorf("unexpected Istio kind")
		}
		if err != nil {
			r.failf("%s: %v", o.id(), err)
		}
		if o.apiVersion() != "networking.istio.io/v1" && o.apiVersion() != "security.istio.io/v1" {
			r.failf("%s: apiVersion %s, want the v1 Istio APIs", o.id(), o.apiVersion())
		}
	}
	if istioObjs == 0 {
		if opt.WantIstio {
			r.failf("no Istio resources rendered")
		}
		return
	}

	for name, g := range gateways {
		if len(g.Spec.Selector) == 0 || len(g.Spec.Servers) == 0 {
			r.failf("Gateway/%s: needs a selector and servers", name)
		}
		for _, s := range g.Spec.Servers {
			// The CRD accepts an HTTPS server without TLS settings; Istio
			// then refuses it at run time.
			if s.Port.Protocol == "HTTPS" && (s.TLS == nil || s.TLS.Mode == "" || s.TLS.CredentialName == "") {
				r.failf("Gateway/%s: HTTPS server needs tls.mode and tls.credentialName", name)
			}
		}
	}
	for _, v := range vss {
		id := "VirtualService/" + v.Metadata.Name
		if len(v.Spec.Hosts) == 0 || len(v.Spec.HTTP) == 0 {
			r.failf("%s: needs hosts and http routes", id)
		}
		for _, gw := range v.Spec.Gateways {
			g, ok := gateways[gw]
			if !ok && !strings.Contains(gw, "/") {
				r.failf("%s: gateway %q is not rendered", id, gw)
				continue
			}
			for _, h := range v.Spec.Hosts {
				if ok && !slices.ContainsFunc(g.Spec.Servers, func(s istioServer) bool {
					return slices.Contains(s.Hosts, h) || slices.Contains(s.Hosts, "*")
				}) {
					r.failf("%s: host %s is not served by Gateway/%s", id, h, gw)
				}
			}
		}
		for _, h := range v.Spec.HTTP {
			for _, rt := range h.Route {
				svc, ok := x.services[rt.Destination.Host]
				if !ok {
					r.failf("%s: route %s: destination %q is not a rendered Service (use the short name)", id, h.Name, rt.Destination.Host)
					continue
				}
				if rt.Destination.Port != nil && !servicePorts(svc)[rt.Destination.Port.Number] {
					r.failf("%s: route %s: %s has no port %d", id, h.Name, svc.id(), rt.Destination.Port.Number)
				}
				if !ingressAllowed(x, policies, rt.Destination.Host) {
					r.failf("%s: route %s: no AuthorizationPolicy lets the ingress gateway reach %s", id, h.Name, rt.Destination.Host)
				}
			}
		}
	}
	if opt.WantIstio {
		strict := false
		for _, p := range pas {
			if p.Spec.Selector == nil && p.Spec.MTLS.Mode == "STRICT" {
				strict = true
			}
			if len(p.Spec.PortLevelMTLS) > 0 && p.Spec.Selector == nil {
				r.failf("PeerAuthentication/%s: portLevelMtls needs a selector", p.Metadata.Name)
			}
		}
		if !strict {
			r.failf("no namespace-wide PeerAuthentication with mtls STRICT")
		}
	}

	allowed := map[string]bool{} // deployments with an ALLOW policy
	denyAll := false
	for _, p := range policies {
		id := "AuthorizationPolicy/" + p.Metadata.Name
		action := p.Spec.Action
		if action == "" {
			action = "ALLOW"
		}
		if p.Spec.Selector == nil && len(p.Spec.Rules) == 0 && action == "ALLOW" {
			denyAll = true
			continue
		}
		var selected []string
		if p.Spec.Selector != nil {
			labels := map[string]any{}
			for k, v := range p.Spec.Selector.MatchLabels {
				labels[k] = v
			}
			selected = x.selected(labels)
			if len(selected) == 0 {
				r.failf("%s: selector matches no Deployment", id)
			}
		}
		for _, d := range selected {
			allowed[d] = true
		}
		podPorts := map[string]bool{daprInternalPort: true}
		for _, d := range selected {
			podPorts[strconv.Itoa(appPorts[d])] = true
			if mp, ok := x.deployments[d].m["spec"].(map[string]any); ok {
				podPorts[str(mp, "template", "metadata", "annotations", "dapr.io/metrics-port")] = true
			}
		}
		for i, rule := range p.Spec.Rules {
			if len(rule.From) == 0 && len(rule.To) == 0 {
				r.failf("%s: rule %d matches everything", id, i)
			}
			for _, f := range rule.From {
				for _, pr := range f.Source.Principals {
					checkPrincipal(x, id, pr, opt, r)
				}
			}
			for _, t := range rule.To {
				for _, port := range t.Operation.Ports {
					if _, err := strconv.Atoi(port); err != nil || (len(selected) > 0 && !podPorts[port]) {
						r.failf("%s: rule %d: port %q is not a port of the selected pods", id, i, port)
					}
				}
			}
		}
	}
	if opt.WantIstio {
		if !denyAll {
			r.failf("no namespace-wide allow-nothing AuthorizationPolicy")
		}
		for _, d := range sortedKeys(x.deployments) {
			if !allowed[d] {
				r.failf("Deployment/%s: no AuthorizationPolicy allows any traffic to it", d)
			}
		}
	}
}

func checkPrincipal(x *render, id, pr string, opt checkOptions, r *report) {
	parts := strings.Split(pr, "/")
	if len(parts) != 5 || parts[1] != "ns" || parts[3] != "sa" || parts[0] == "" {
		r.failf("%s: principal %q is not <trust-domain>/ns/<namespace>/sa/<account>", id, pr)
		return
	}
	if parts[2] == opt.Namespace && !x.accounts[parts[4]] {
		r.failf("%s: principal %q names no rendered ServiceAccount", id, pr)
	}
}

// ingressAllowed reports whether some ALLOW policy selecting the Service's
// pods admits a principal from outside the release's namespace on the app port.
func ingressAllowed(x *render, policies []istioAuthorizationPolicy, svc string) bool {
	port := strconv.Itoa(appPorts[svc])
	for _, p := range policies {
		if p.Spec.Selector == nil || p.Spec.Action == "DENY" {
			continue
		}
		labels := map[string]any{}
		for k, v := range p.Spec.Selector.MatchLabels {
			labels[k] = v
		}
		if !slices.Contains(x.selected(labels), svc) {
			continue
		}
		for _, rule := range p.Spec.Rules {
			ports := false
			for _, t := range rule.To {
				ports = ports || slices.Contains(t.Operation.Ports, port)
			}
			for _, f := range rule.From {
				if ports && len(f.Source.Principals) > 0 {
					return true
				}
			}
		}
	}
	return false
}

func servicePorts(svc object) map[int]bool {
	out := map[int]bool{}
	for _, p := range listOf(get(svc.m, "spec", "ports")) {
		out[toInt(mapOf(p)["port"])] = true
	}
	return out
}
