package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// cpuOrder is the column order of the CPU table: the request's way
// through the stack, then the shared parts, then everything else.
func cpuOrder() []string {
	return []string{
		"gateway", "gateway-dapr", "tasks", "tasks-dapr", "projects", "projects-dapr", "auth", "auth-dapr",
		"users", "users-dapr", "control plane", "redis", "postgres*", "load client", "rest of machine",
	}
}

// cpuColumns are the groups worth a column: those of cpuOrder, then any
// other, leaving out groups that never reach 0.05 ms per request.
func cpuColumns(steps []Step) []string {
	seen := map[string]bool{}
	for _, s := range steps {
		for k, v := range s.CPU {
			if v >= 0.05 {
				seen[k] = true
			}
		}
	}
	var cols []string
	for _, k := range cpuOrder() {
		if seen[k] {
			cols = append(cols, k)
			delete(seen, k)
		}
	}
	return append(cols, slices.Sorted(maps.Keys(seen))...)
}

// CPUTable is CPU milliseconds per request by process group, per step.
// "" when no step has CPU numbers.
func (r Report) CPUTable() string {
	cols := cpuColumns(r.Steps)
	if len(cols) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("| Scenario | Path | Rate | " + strings.Join(cols, " | ") + " | stack total | busy cores |\n")
	b.WriteString("|---|---|---:|" + strings.Repeat("---:|", len(cols)+2) + "\n")
	for _, s := range r.Steps {
		if len(s.CPU) == 0 {
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %.0f |", s.Scenario, s.Path, s.Target)
		for _, c := range cols {
			fmt.Fprintf(&b, " %.2f |", s.CPU[c])
		}
		fmt.Fprintf(&b, " %.2f | %.2f |\n", StackCPU(s.CPU), s.BusyCores)
	}
	return b.String()
}

// StackCPU is the CPU per request of the apps, their sidecars, the
// control plane and Redis: everything but Postgres (shared with others),
// the load client and the rest of the machine.
func StackCPU(cpu map[string]float64) float64 {
	total := 0.0
	for k, v := range cpu {
		switch k {
		case "postgres*", "load client", "rest of machine":
		default:
			total += v
		}
	}
	return total
}
