package main

import (
	"math"
	"testing"
	"time"
)

func TestMachineBusyLeavesOutIdleIOWaitAndSteal(t *testing.T) {
	t.Parallel()
	// user nice system idle iowait irq softirq steal guest guest_nice
	busy, ok := machineBusy("cpu  100 10 50 9000 40 5 5 300 7 0\ncpu0 1 2 3\n")
	if !ok || busy != 170*clockTick {
		t.Errorf("busy %v %v, want 1.7s", busy, ok)
	}
	if _, ok := machineBusy("intr 1 2 3"); ok {
		t.Error("a line other than cpu accepted")
	}
}

func TestCPUPerRequestSplitsTheMachine(t *testing.T) {
	t.Parallel()
	at := time.Unix(100, 0)
	a := cpuSample{by: map[string]time.Duration{"tasks": time.Second, "tasks-dapr": 0}, machine: 10 * time.Second, at: at}
	b := cpuSample{by: map[string]time.Duration{"tasks": 3 * time.Second, "tasks-dapr": time.Second},
		machine: 16 * time.Second, at: at.Add(4 * time.Second)}
	per, cores := cpuPerRequest(a, b, 1000)
	// tasks 2 s, its sidecar 1 s, 3 s of the 6 s busy elsewhere; per request of 1000.
	if per["tasks"] != 2 || per["tasks-dapr"] != 1 || per[cpuOther] != 3 || math.Abs(cores-1.5) > 1e-9 {
		t.Errorf("per request %v, busy cores %v", per, cores)
	}
	if per, _ := cpuPerRequest(a, b, 0); per != nil {
		t.Error("no requests must give no numbers")
	}
}
