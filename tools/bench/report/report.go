// Package report holds the results of a benchmark run and writes them as
// Markdown (for people) and JSON (for tools).
package report

import (
	"encoding/json"
	"fmt"
	"time"
)

// Paths a request can take.
const (
	Gateway = "gateway" // client -> gateway -> gateway's daprd -> service's daprd -> service
	Direct  = "direct"  // client -> service's own port, no sidecar in front
)

// Report is one benchmark run.
type Report struct {
	Generated time.Time `json:"generated"`
	Machine   Machine   `json:"machine"`
	Setup     Setup     `json:"setup"`
	Steps     []Step    `json:"steps"`
	Baseline  *Baseline `json:"pgbench,omitempty"`
	// Filled by Evaluate.
	Overhead  []Overhead  `json:"sidecarOverhead"`
	Sustained []Sustained `json:"maxSustained"`
	Targets   []Target    `json:"targets"`
	Notes     []string    `json:"notes,omitempty"`
}

// Machine describes where the run happened.
type Machine struct {
	Cores     int    `json:"cores"`
	CPU       string `json:"cpu"`
	OS        string `json:"os"`
	GoVersion string `json:"goVersion"`
	Postgres  string `json:"postgres"`
	Dapr      string `json:"dapr"`
	Commit    string `json:"commit"`
}

// Setup describes the data set and the load settings.
type Setup struct {
	Tasks          int     `json:"tasks"`      // in the large project
	SmallTasks     int     `json:"smallTasks"` // in the project of the usual size
	Members        int     `json:"smallProjectMembers"`
	SeedSeconds    float64 `json:"seedSeconds"`
	Concurrency    int     `json:"concurrency"`
	WarmupS        float64 `json:"warmupSeconds"`
	StepS          float64 `json:"stepSeconds"`
	TimeoutS       float64 `json:"timeoutSeconds"`
	CreateRates    []int   `json:"createRates"`
	ListRates      []int   `json:"listRates"`
	SmallListRates []int   `json:"smallListRates"`
	UIRates        []int   `json:"uiPageOpenRates"`
	NominalRate    int     `json:"nominalListRate"` // latency and CPU targets are judged at this rate
}

// Step is one fixed-rate measurement.
type Step struct {
	Scenario     string         `json:"scenario"`   // one of the scenario constants
	Path         string         `json:"path"`       // Gateway or Direct
	Target       float64        `json:"targetRate"` // per second: requests, or for ui-mix page opens
	Achieved     float64        `json:"achievedRate"`
	Requests     int            `json:"requests"`   // HTTP requests sent over the step, warm-up included
	P99Limit     float64        `json:"p99LimitMs"` // a step is sustained only with p99 within it
	Intended     int            `json:"intended"`
	OK           int            `json:"ok"`
	Errors       int            `json:"errors"`
	Unsent       int            `json:"unsent"`
	P50          float64        `json:"p50Ms"`
	P95          float64        `json:"p95Ms"`
	P99          float64        `json:"p99Ms"`
	Max          float64        `json:"maxMs"`
	ServiceP50   float64        `json:"serviceP50Ms"` // from the actual send, not the intended one
	ServiceP99   float64        `json:"serviceP99Ms"`
	DispatchLag  float64        `json:"maxDispatchLagMs"`
	SustainedOK  bool           `json:"sustained"`
	ErrorKinds   map[string]int `json:"errorKinds,omitempty"`
	StoppedRamp  bool           `json:"stoppedRamp,omitempty"` // errors > 1% or p99 over the limit: no higher rate tried
	ErrorPercent float64        `json:"errorPercent"`
	// CPU milliseconds per HTTP request by process group, over the whole
	// step (warm-up included), and the average busy cores of the machine.
	CPU       map[string]float64 `json:"cpuMsPerRequest,omitempty"`
	BusyCores float64            `json:"busyCores"`
}

// Baseline is pgbench's single-row insert rate on the same Postgres.
type Baseline struct {
	Clients    int     `json:"clients"`
	Threads    int     `json:"threads"`
	Seconds    int     `json:"seconds"`
	TPS        float64 `json:"tps"`
	LatencyAvg float64 `json:"latencyAvgMs"`
	Failed     int     `json:"failed"`
	Script     string  `json:"script"`
}

// Overhead compares the gateway path with the direct one at one rate.
type Overhead struct {
	Scenario string  `json:"scenario"`
	Rate     float64 `json:"rate"`
	P50Ratio float64 `json:"p50Ratio"`
	P99Ratio float64 `json:"p99Ratio"`
	AddedP50 float64 `json:"addedP50Ms"` // gateway p50 - direct p50
}

// Sustained is the highest rate a scenario kept on a path.
type Sustained struct {
	Scenario string  `json:"scenario"`
	Path     string  `json:"path"`
	Rate     float64 `json:"rate"`        // 0: not even the lowest step
	AtTop    bool    `json:"atTopOfRamp"` // the highest rate tried: the real maximum may be higher
}

// Target is a goal and whether the run met it.
type Target struct {
	Name     string `json:"name"`
	Goal     string `json:"goal"`
	Measured string `json:"measured"`
	Met      bool   `json:"met"`
}

// Ms converts a duration to float milliseconds.
func Ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// JSON is the report as indented JSON.
func (r Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode report: %w", err)
	}
	return append(b, '\n'), nil
}

// StepsOf returns the steps of one scenario on one path, in run order.
func (r Report) StepsOf(scenario, path string) []Step {
	var out []Step
	for _, s := range r.Steps {
		if s.Scenario == scenario && s.Path == path {
			out = append(out, s)
		}
	}
	return out
}
