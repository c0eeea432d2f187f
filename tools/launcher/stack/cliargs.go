package stack

import (
	"fmt"
	"os"
	"strconv"

	"gopkg.in/yaml.v3"
)

// CLISentryAddress is where the dapr CLI (1.16) tells every daprd to find
// sentry when the app's Configuration enables mTLS; it is fixed in the CLI.
const CLISentryAddress = "localhost:50001"

// CLIDaprdArgs returns the arguments `dapr run -f` (CLI 1.16) gives the
// daprd of one app of the template, in its order. The CLI builds them from
// its RunConfig struct by reflection (pkg/standalone/run.go, getArgs): the
// shared properties first (common merged into the app), then the app's
// own, each with its `arg` tag; a bool only when true; a number always,
// even its default -1 (app-max-concurrency, profile-port), except the
// health probe settings at 0; a string unless empty; then, when the
// Configuration file enables mTLS, --enable-mtls --sentry-address
// localhost:50001. daprd gets the CLI's own environment, not the
// template's env (that goes to the app), so whatever daprd needs from the
// environment (trust anchors, namespace, tokens, component settings) must
// be in the shell that runs `dapr run`.
func CLIDaprdArgs(t *RunTemplate, appID string) ([]string, error) {
	var spec *TemplateAppSpec
	var raw TemplateApp
	for i := range t.Apps {
		if t.Apps[i].ID == appID {
			spec, raw = &t.Apps[i], t.Raw.Apps[i]
		}
	}
	if spec == nil {
		return nil, fmt.Errorf("no app %q in %s", appID, t.Path)
	}
	c := t.Raw.Common
	str := func(app, common, def string) string { return firstNonEmpty(app, common, def) }
	num := func(app, common, def int) int {
		if app != 0 {
			return app
		}
		if common != 0 {
			return common
		}
		return def
	}
	var args []string
	add := func(flag, value string) {
		if value != "" {
			args = append(args, flag, value)
		}
	}
	flag := func(name string, on bool) {
		if on {
			args = append(args, name)
		}
	}
	probe := func(name string, v int) {
		if v != 0 {
			add(name, strconv.Itoa(v))
		}
	}
	// SharedRunConfig, in its field order.
	add("--config", spec.ConfigFile)
	add("--app-protocol", spec.Protocol)
	add("--dapr-listen-addresses", str(raw.APIListenAddresses, c.APIListenAddresses, ""))
	flag("--enable-profiling", raw.EnableProfiling || c.EnableProfiling)
	add("--log-level", spec.LogLevel)
	maxConc := num(raw.MaxConcurrency, c.MaxConcurrency, -1)
	if maxConc < 1 {
		maxConc = -1
	}
	add("--app-max-concurrency", strconv.Itoa(maxConc))
	add("--placement-host-address", str(raw.PlacementHostAddress, c.PlacementHostAddress, "localhost:50005"))
	for _, r := range spec.ResourcesPaths {
		add("--resources-path", r)
	}
	flag("--app-ssl", raw.AppSSL || c.AppSSL)
	add("--max-body-size", str(raw.MaxBodySize, c.MaxBodySize, "4Mi"))
	add("--read-buffer-size", str(raw.ReadBufferSize, c.ReadBufferSize, "4Ki"))
	flag("--enable-app-health-check", spec.HealthCheck)
	add("--app-health-check-path", spec.HealthPath)
	probe("--app-health-probe-interval", spec.HealthInterval)
	probe("--app-health-probe-timeout", spec.HealthTimeout)
	probe("--app-health-threshold", spec.HealthThresh)
	flag("--enable-api-logging", raw.EnableAPILogging || c.EnableAPILogging)
	add("--scheduler-host-address", str(raw.SchedulerHostAddress, c.SchedulerHostAddress, ""))
	// RunConfig's own fields.
	add("--app-id", spec.ID)
	if raw.AppChannelAddress != "127.0.0.1" {
		add("--app-channel-address", raw.AppChannelAddress)
	}
	p := spec.Ports
	add("--app-port", strconv.Itoa(p.App))
	add("--dapr-http-port", strconv.Itoa(p.HTTP))
	add("--dapr-grpc-port", strconv.Itoa(p.GRPC))
	add("--profile-port", strconv.Itoa(num(raw.ProfilePort, 0, -1)))
	add("--metrics-port", strconv.Itoa(p.Metrics))
	add("--unix-domain-socket", raw.UnixDomainSocket)
	add("--dapr-internal-grpc-port", strconv.Itoa(p.Internal))
	mtls, err := mtlsEnabled(spec.ConfigFile)
	if err != nil {
		return nil, err
	}
	if mtls {
		args = append(args, "--enable-mtls", "--sentry-address", CLISentryAddress)
	}
	return args, nil
}

// mtlsEnabled reads spec.mtls.enabled of a Dapr Configuration file, as the
// dapr CLI does to decide on --enable-mtls.
func mtlsEnabled(path string) (bool, error) {
	if path == "" {
		return false, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return false, fmt.Errorf("read dapr configuration: %w", err)
	}
	var doc struct {
		Spec struct {
			MTLS struct {
				Enabled bool `yaml:"enabled"`
			} `yaml:"mtls"`
		} `yaml:"spec"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return false, fmt.Errorf("parse dapr configuration %s: %w", path, err)
	}
	return doc.Spec.MTLS.Enabled, nil
}
