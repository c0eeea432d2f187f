package stack

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// Template is a Dapr multi-app run template (the file `dapr run -f` reads).
// Every property the dapr CLI accepts is declared so that decoding can be
// strict: a misspelt property is an error here rather than silently ignored.
type Template struct {
	Version int             `yaml:"version"`
	Name    string          `yaml:"name"`
	Common  SharedRunConfig `yaml:"common"`
	Apps    []TemplateApp   `yaml:"apps"`
}

// SharedRunConfig holds the properties allowed in `common` and in each app.
type SharedRunConfig struct {
	ConfigFile           string            `yaml:"configFilePath"`
	AppProtocol          string            `yaml:"appProtocol"`
	APIListenAddresses   string            `yaml:"apiListenAddresses"`
	EnableProfiling      bool              `yaml:"enableProfiling"`
	LogLevel             string            `yaml:"logLevel"`
	MaxConcurrency       int               `yaml:"appMaxConcurrency"`
	PlacementHostAddress string            `yaml:"placementHostAddress"`
	ResourcesPath        string            `yaml:"resourcesPath"`
	ResourcesPaths       []string          `yaml:"resourcesPaths"`
	AppSSL               bool              `yaml:"appSSL"`
	MaxBodySize          string            `yaml:"maxBodySize"`
	ReadBufferSize       string            `yaml:"readBufferSize"`
	EnableAppHealthCheck bool              `yaml:"enableAppHealthCheck"`
	AppHealthCheckPath   string            `yaml:"appHealthCheckPath"`
	AppHealthInterval    int               `yaml:"appHealthProbeInterval"`
	AppHealthTimeout     int               `yaml:"appHealthProbeTimeout"`
	AppHealthThreshold   int               `yaml:"appHealthThreshold"`
	EnableAPILogging     bool              `yaml:"enableApiLogging"`
	RuntimePath          string            `yaml:"runtimePath"`
	Env                  map[string]string `yaml:"env"`
	DaprdLogDestination  string            `yaml:"daprdLogDestination"`
	AppLogDestination    string            `yaml:"appLogDestination"`
	SchedulerHostAddress string            `yaml:"schedulerHostAddress"`
}

// TemplateApp is one entry of `apps`.
type TemplateApp struct {
	SharedRunConfig          `yaml:",inline"`
	AppID                    string   `yaml:"appID"`
	AppDirPath               string   `yaml:"appDirPath"`
	AppChannelAddress        string   `yaml:"appChannelAddress"`
	AppPort                  int      `yaml:"appPort"`
	DaprHTTPPort             int      `yaml:"daprHTTPPort"`
	DaprGRPCPort             int      `yaml:"daprGRPCPort"`
	DaprInternalGRPCPort     int      `yaml:"daprInternalGRPCPort"`
	MetricsPort              int      `yaml:"metricsPort"`
	ProfilePort              int      `yaml:"profilePort"`
	UnixDomainSocket         string   `yaml:"unixDomainSocket"`
	Command                  []string `yaml:"command"`
	ContainerImage           string   `yaml:"containerImage"`
	ContainerImagePullPolicy string   `yaml:"containerImagePullPolicy"`
	CreateService            bool     `yaml:"createService"`
}

// RunTemplate is a loaded template with the dapr CLI's rules applied.
type RunTemplate struct {
	Path            string
	Raw             Template
	CommonResources []string // common resources paths, absolute
	CommonConfig    string   // common configFilePath, absolute ("" if none)
	Apps            []TemplateAppSpec
}

// TemplateAppSpec is an app of the template with the dapr CLI's rules
// applied: absolute paths, `common` merged in, the app id defaulted.
type TemplateAppSpec struct {
	ID             string
	Dir            string
	Command        []string
	Env            map[string]string
	ConfigFile     string
	ResourcesPaths []string
	// CommonResources is true when ResourcesPaths came from `common`.
	CommonResources bool
	Protocol        string
	HealthCheck     bool
	HealthPath      string
	HealthInterval  int
	HealthTimeout   int
	HealthThresh    int
	LogLevel        string
	Ports           AppPorts
}

// LoadTemplate reads and resolves a run template the way `dapr run -f` does:
// paths in `common` are relative to the template's folder, paths of an app
// relative to its appDirPath; an app's own value wins over `common`; an
// app's .dapr/resources and .dapr/config.yaml, when present, win over
// `common` too.
func LoadTemplate(path string) (*RunTemplate, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read run template: %w", err)
	}
	var t Template
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("parse run template %s: %w", path, err)
	}
	if t.Version == 0 {
		return nil, fmt.Errorf("run template %s: required field 'version' is missing", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("run template path: %w", err)
	}
	base := filepath.Dir(abs)
	rt := &RunTemplate{Path: abs, Raw: t, CommonResources: appendPaths(nil, base, t.Common.ResourcesPaths, t.Common.ResourcesPath)}
	if t.Common.ConfigFile != "" {
		rt.CommonConfig = absFrom(base, t.Common.ConfigFile)
	}
	specs := make([]TemplateAppSpec, 0, len(t.Apps))
	seen := map[string]bool{}
	var errs []error
	for i, a := range t.Apps {
		s, err := resolveApp(base, t.Common, a)
		if err != nil {
			errs = append(errs, fmt.Errorf("app %d: %w", i+1, err))
			continue
		}
		if seen[s.ID] {
			errs = append(errs, fmt.Errorf("app id %q appears twice", s.ID))
		}
		seen[s.ID] = true
		specs = append(specs, s)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("run template %s: %w", path, err)
	}
	rt.Apps = specs
	return rt, nil
}

func resolveApp(base string, common SharedRunConfig, a TemplateApp) (TemplateAppSpec, error) {
	if a.AppDirPath == "" {
		return TemplateAppSpec{}, errors.New("required field 'appDirPath' is missing")
	}
	dir := absFrom(base, a.AppDirPath)
	id := a.AppID
	if id == "" {
		id = filepath.Base(dir)
	}
	s := TemplateAppSpec{
		ID:             id,
		Dir:            dir,
		Command:        a.Command,
		Env:            mergeEnv(common.Env, a.Env),
		Protocol:       firstNonEmpty(a.AppProtocol, common.AppProtocol, "http"),
		HealthCheck:    a.EnableAppHealthCheck || common.EnableAppHealthCheck,
		HealthPath:     firstNonEmpty(a.AppHealthCheckPath, common.AppHealthCheckPath, "/healthz"),
		HealthInterval: firstNonZero(a.AppHealthInterval, common.AppHealthInterval),
		HealthTimeout:  firstNonZero(a.AppHealthTimeout, common.AppHealthTimeout),
		HealthThresh:   firstNonZero(a.AppHealthThreshold, common.AppHealthThreshold),
		LogLevel:       firstNonEmpty(a.LogLevel, common.LogLevel, "info"),
		Ports: AppPorts{
			App: a.AppPort, HTTP: a.DaprHTTPPort, GRPC: a.DaprGRPCPort,
			Internal: a.DaprInternalGRPCPort, Metrics: a.MetricsPort,
		},
	}
	if len(s.Command) == 0 {
		return s, fmt.Errorf("%s: no command", id)
	}
	if err := s.Ports.complete(); err != nil {
		return s, fmt.Errorf("%s: %w (the launcher needs fixed ports)", id, err)
	}

	// Resources: the app's own paths, else <appDir>/.dapr/resources, else common.
	s.ResourcesPaths = appendPaths(nil, dir, a.ResourcesPaths, a.ResourcesPath)
	if len(s.ResourcesPaths) == 0 {
		if local := filepath.Join(dir, ".dapr", "resources"); isDir(local) {
			s.ResourcesPaths = []string{local}
		} else {
			s.ResourcesPaths = appendPaths(nil, base, common.ResourcesPaths, common.ResourcesPath)
			s.CommonResources = true
		}
	}
	// Configuration: the app's own file, else <appDir>/.dapr/config.yaml, else common.
	switch local := filepath.Join(dir, ".dapr", "config.yaml"); {
	case a.ConfigFile != "":
		s.ConfigFile = absFrom(dir, a.ConfigFile)
	case isFile(local):
		s.ConfigFile = local
	case common.ConfigFile != "":
		s.ConfigFile = absFrom(base, common.ConfigFile)
	}
	for _, p := range append([]string{s.ConfigFile}, s.ResourcesPaths...) {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			return s, fmt.Errorf("%s: %w", id, err)
		}
	}
	return s, nil
}

// IsGoRun reports whether command is `go run .`, which the launcher replaces
// by the binary it builds for the app.
func IsGoRun(command []string) bool {
	return len(command) == 3 && command[0] == "go" && command[1] == "run" && command[2] == "."
}

func appendPaths(dst []string, base string, paths []string, single string) []string {
	for _, p := range paths {
		dst = append(dst, absFrom(base, p))
	}
	if strings.TrimSpace(single) != "" {
		dst = append(dst, absFrom(base, single))
	}
	return dst
}

func absFrom(base, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(base, p)
}

func mergeEnv(layers ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, l := range layers {
		for k, v := range l {
			out[k] = v
		}
	}
	return out
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func firstNonZero(vs ...int) int {
	for _, v := range vs {
		if v != 0 {
			return v
		}
	}
	return 0
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
