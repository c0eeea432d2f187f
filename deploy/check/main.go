// Command manifestcheck checks rendered TaskRocket manifests without a
// cluster. It is run by deploy/validate.sh:
//
//	manifestcheck check [flags] FILE...    structural and cross-reference checks
//	manifestcheck compare-dapr A B         same Dapr resources in both renders
//	manifestcheck compare-acl DIR FILE     Dapr access control of a render = the local dapr/config
//	manifestcheck split -dir DIR < FILE    one file per app (Kustomize base)
//
// check also writes every object to -kv-dir, one file each, for
// kubectl-validate (schemas for Kubernetes and, through --local-crds, the
// Dapr and Istio CRDs).
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
)

var daprAnnotation = regexp.MustCompile(`"dapr\.io/[a-z0-9-]+"`)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "check":
		err = runCheck(os.Args[2:])
	case "compare-dapr":
		err = runCompare(os.Args[2:])
	case "compare-acl":
		err = runCompareACL(os.Args[2:])
	case "split":
		err = runSplit(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "manifestcheck:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: manifestcheck check|compare-dapr|compare-acl|split ...")
	os.Exit(2)
}

func runCheck(args []string) error {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	var opt checkOptions
	fs.StringVar(&opt.Namespace, "namespace", "taskrocket", "namespace the render targets (Dapr policies, Istio principals)")
	fs.BoolVar(&opt.WritableRoot, "allow-writable-root", false, "accept readOnlyRootFilesystem: false (dev renders)")
	fs.BoolVar(&opt.WantDapr, "want-dapr", true, "require the Dapr components, configurations, resiliency and subscriptions")
	fs.BoolVar(&opt.WantIstio, "want-istio", false, "require the Istio resources")
	fs.BoolVar(&opt.WantNetpol, "want-netpol", false, "require the NetworkPolicies")
	fs.StringVar(&opt.KVDir, "kv-dir", "", "write non-Istio objects here for kubectl-validate")
	fs.StringVar(&opt.Name, "name", "", "name of the render, for messages")
	fs.StringVar(&opt.ContribDir, "contrib", "", "components-contrib source folder; component metadata names must be in its metadata.yaml files")
	annotations := fs.String("dapr-annotations", "", "Go source of the Dapr injector's annotations (pkg/injector/annotations/annotations.go); dapr.io/* annotations must be listed there")
	_ = fs.Parse(args)
	if *annotations != "" {
		src, err := os.ReadFile(*annotations)
		if err != nil {
			return err
		}
		opt.DaprAnnotations = map[string]bool{}
		for _, m := range daprAnnotation.FindAllString(string(src), -1) {
			opt.DaprAnnotations[strings.Trim(m, `"`)] = true
		}
		if len(opt.DaprAnnotations) < 20 {
			return fmt.Errorf("%s: found only %d dapr.io annotations", *annotations, len(opt.DaprAnnotations))
		}
	}
	objs, err := readFiles(fs.Args())
	if err != nil {
		return err
	}
	if opt.Name == "" {
		opt.Name = fmt.Sprint(fs.Args())
	}
	r := check(objs, opt)
	for _, p := range r.problems {
		fmt.Fprintf(os.Stderr, "  FAIL %s: %s\n", opt.Name, p)
	}
	if len(r.problems) > 0 {
		return fmt.Errorf("%s: %d problem(s)", opt.Name, len(r.problems))
	}
	if opt.KVDir != "" {
		if err := writeForValidate(objs, opt.KVDir); err != nil {
			return err
		}
	}
	fmt.Printf("  ok   %s: %s\n", opt.Name, r.summary())
	return nil
}
