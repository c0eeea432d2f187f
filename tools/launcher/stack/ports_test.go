package stack

import (
	"net"
	"strings"
	"testing"
)

// fullLayout is the base layout of `make run` plus the e2e probe app.
func fullLayout(t *testing.T) Layout {
	t.Helper()
	s, err := plan(Options{Root: repoPath(), DataDir: t.TempDir(), ExtraApps: []App{probeApp()}})
	if err != nil {
		t.Fatal(err)
	}
	return s.layout
}

// probeApp is the e2e suite's app, in slot 12 (app port 8112).
func probeApp() App {
	return App{ID: "probe", Port: 8112, Command: []string{"probe"}}
}

func TestBaseLayoutHasNoDuplicateAndKeeps9092Free(t *testing.T) {
	base := fullLayout(t)
	if err := base.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, offset := range []int{0, 1000} {
		for _, b := range base.Shift(offset).Bindings() {
			if b.Port == 9092 {
				t.Errorf("offset %d gives 9092 (kept for a Kafka-protocol broker) to %s", offset, b.Owner)
			}
		}
	}
	if got := base.Apps["probe"]; got != SlotPorts(12, 8112) {
		t.Errorf("probe ports %+v, want slot 12", got)
	}
}

func TestOffset1000RunsBesideTheBaseStack(t *testing.T) {
	if err := CheckOffset(fullLayout(t), 1000); err != nil {
		t.Fatal(err)
	}
}

func TestOffsetThatReusesABasePortIsRefused(t *testing.T) {
	base := fullLayout(t)
	for _, offset := range []int{1, 100, -5} {
		if err := CheckOffset(base, offset); err == nil {
			t.Errorf("offset %d accepted", offset)
		}
	}
	err := CheckOffset(base, 1)
	if err == nil || !strings.Contains(err.Error(), "port 8102") || !strings.Contains(err.Error(), "auth app") {
		t.Errorf("error should name the port and its base owner: %v", err)
	}
	// An extra app on 8199 would land on 9199 with offset 1000: the base
	// notifications sidecar's metrics port.
	_, err = plan(Options{Root: repoPath(), DataDir: t.TempDir(), Offset: 1000,
		ExtraApps: []App{{ID: "probe", Port: 8199, Command: []string{"probe"}}}})
	if err == nil || !strings.Contains(err.Error(), "notifications sidecar metrics") {
		t.Errorf("extra app on 8199 with offset 1000: %v", err)
	}
}

func TestPlanAppliesOffsetAndKeepsSlotsWithOnly(t *testing.T) {
	s, err := plan(Options{Root: repoPath(), DataDir: t.TempDir(), Offset: 1000,
		Only: []string{"users", "auth"}, ExtraApps: []App{probeApp()}})
	if err != nil {
		t.Fatal(err)
	}
	if ids := strings.Join(s.AppIDs(), ","); ids != "users,auth,probe" {
		t.Fatalf("apps %s", ids)
	}
	if got := s.Ports("auth"); got != SlotPorts(2, 8102).shift(1000) {
		t.Errorf("auth ports %+v", got)
	}
	if s.URL("probe") != "http://127.0.0.1:9112" || s.DaprHTTPPort("probe") != 4512 {
		t.Errorf("probe at %s, sidecar %d", s.URL("probe"), s.DaprHTTPPort("probe"))
	}
	if s.layout.ControlPlane.Sentry != 51001 || s.layout.ControlPlane.MailpitHTTP != 9025 {
		t.Errorf("control plane not shifted: %+v", s.layout.ControlPlane)
	}
	if s.APIToken("users") == "" || s.APIToken("users") == s.APIToken("auth") || s.APIToken("users") == s.AppToken("users") {
		t.Error("each app needs its own random API and app tokens")
	}
	if _, err := plan(Options{Root: repoPath(), DataDir: t.TempDir(), Only: []string{"nobody"}}); err == nil {
		t.Error("--only with an unknown app accepted")
	}
}

func TestCheckFreeNamesTheBusyPortAndItsOwner(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	err = CheckFree([]Binding{{port, "users app"}})
	if err == nil || !strings.Contains(err.Error(), "port "+itoa(port)+" (users app) is already in use") {
		t.Fatalf("got %v", err)
	}
}

func TestPortListRoundTrip(t *testing.T) {
	got := formatPortList([]int{50001, 50005, 50006, 50007, 50100, 50101})
	if got != "50001,50005-50007,50100-50101" {
		t.Fatalf("got %q", got)
	}
	set := parsePortList("80, 50005-50007,bad")
	if !set[80] || !set[50006] || set[50008] || len(set) != 4 {
		t.Fatalf("got %v", set)
	}
}
