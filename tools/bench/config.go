package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// config is the run's settings; the defaults are the documented benchmark.
type config struct {
	Root        string // repository root
	DataDir     string // the stack's logs and state
	OutDir      string // report.md, report.json
	Tasks       int
	SmallTasks  int // the project of the usual size
	Teammates   int // members of the small project besides its owner
	Concurrency int // in-flight requests at most, and pgbench's client count
	Warmup      time.Duration
	Step        time.Duration
	Timeout     time.Duration
	Pause       time.Duration // between steps, to let queues and background work settle
	CreateRates []int
	ListRates   []int
	SmallRates  []int // list-first-page-1k
	UIRates     []int // ui-mix, page opens per second
	NominalRate int   // the list latency target is judged at this rate
	P99Limit    time.Duration
	PgbenchTime time.Duration
	Profile     profileTarget // the step to take CPU profiles of (zero: none)
	Only        []string      // scenarios to run (none: all)
}

func parseConfig(args []string) (config, error) {
	root, err := repoRoot()
	if err != nil {
		return config{}, err
	}
	cfg := config{Root: root, DataDir: filepath.Join(root, ".data", "bench"), OutDir: filepath.Join(root, "bench", "out")}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.IntVar(&cfg.Tasks, "tasks", 100_000, "tasks to seed into the large project")
	fs.IntVar(&cfg.SmallTasks, "small-tasks", 1000, "tasks to seed into the project of the usual size")
	fs.IntVar(&cfg.Teammates, "teammates", 4, "members of the usual-size project besides its owner")
	fs.IntVar(&cfg.Concurrency, "concurrency", 32, "requests in flight at most (also pgbench's -c)")
	fs.DurationVar(&cfg.Warmup, "warmup", 2*time.Second, "warm-up of each step, not recorded")
	fs.DurationVar(&cfg.Step, "step", 10*time.Second, "measured time of each step")
	fs.DurationVar(&cfg.Timeout, "timeout", 5*time.Second, "timeout of one request")
	fs.DurationVar(&cfg.Pause, "pause", 2*time.Second, "pause between steps")
	fs.DurationVar(&cfg.P99Limit, "p99-limit", time.Second, "stop escalating create-task when p99 exceeds this")
	fs.DurationVar(&cfg.PgbenchTime, "pgbench-time", 10*time.Second, "pgbench -T")
	fs.IntVar(&cfg.NominalRate, "nominal-rate", 100, "list rate at which the p99 target is judged")
	createRates := fs.String("create-rates", "50,100,200,300,400,600", "create-task rates, req/s, ascending")
	listRates := fs.String("list-rates", "50,100,200", "list rates in the large project, req/s")
	smallRates := fs.String("small-list-rates", "100,200,300,400,600", "list rates in the usual-size project, req/s, ascending")
	uiRates := fs.String("ui-rates", "50,100,150,200,300", "ui-mix rates, page opens/s, ascending")
	only := fs.String("only", "", "comma-separated scenarios to run (default: all), e.g. list-first-page-1k,ui-mix")
	profile := fs.String("profile", "", "SCENARIO:RATE: take CPU profiles of every app and sidecar during that gateway step (into <out>/profiles)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.CreateRates, err = parseRates(*createRates); err != nil {
		return config{}, fmt.Errorf("-create-rates: %w", err)
	}
	if cfg.ListRates, err = parseRates(*listRates); err != nil {
		return config{}, fmt.Errorf("-list-rates: %w", err)
	}
	if cfg.SmallRates, err = parseRates(*smallRates); err != nil {
		return config{}, fmt.Errorf("-small-list-rates: %w", err)
	}
	if cfg.UIRates, err = parseRates(*uiRates); err != nil {
		return config{}, fmt.Errorf("-ui-rates: %w", err)
	}
	if cfg.Profile, err = parseProfileTarget(*profile); err != nil {
		return config{}, fmt.Errorf("-profile: %w", err)
	}
	if *only != "" {
		cfg.Only = strings.Split(*only, ",")
	}
	if cfg.Tasks < 1000 || cfg.SmallTasks < 100 || cfg.Teammates < 0 || cfg.Concurrency < 1 || cfg.Step <= 0 ||
		cfg.PgbenchTime < time.Second {
		return config{}, errors.New("need -tasks >= 1000, -small-tasks >= 100, -teammates >= 0, -concurrency >= 1, -step > 0, -pgbench-time >= 1s")
	}
	return cfg, nil
}

// parseRates reads "50,100,200": positive, ascending.
func parseRates(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a positive rate", f)
		}
		if len(out) > 0 && n <= out[len(out)-1] {
			return nil, fmt.Errorf("rates must ascend: %q", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// repoRoot is the nearest folder upwards holding go.work.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("no go.work above %s: run from the repository", wd)
		}
	}
}
