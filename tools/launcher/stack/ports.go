package stack

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"
)

// AppPorts are the ports of one app and of its sidecar.
type AppPorts struct {
	App      int // the app's HTTP server
	HTTP     int // daprd HTTP API
	GRPC     int // daprd gRPC API
	Internal int // daprd internal gRPC (sidecar to sidecar)
	Metrics  int // daprd Prometheus metrics
}

// SlotPorts returns the sidecar ports of the app in slot i of the stack
// (gateway 0, users 1, … search 11, then extra apps): HTTP 3500+i, gRPC
// 50100+i, internal gRPC 50200+i, metrics 9190+i (9092 stays free for a
// Kafka-protocol broker).
func SlotPorts(slot, appPort int) AppPorts {
	return AppPorts{App: appPort, HTTP: 3500 + slot, GRPC: 50100 + slot, Internal: 50200 + slot, Metrics: 9190 + slot}
}

func (p AppPorts) complete() error {
	var missing []string
	for name, v := range map[string]int{"appPort": p.App, "daprHTTPPort": p.HTTP, "daprGRPCPort": p.GRPC,
		"daprInternalGRPCPort": p.Internal, "metricsPort": p.Metrics} {
		if v <= 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	return nil
}

func (p AppPorts) shift(n int) AppPorts {
	return AppPorts{App: p.App + n, HTTP: p.HTTP + n, GRPC: p.GRPC + n, Internal: p.Internal + n, Metrics: p.Metrics + n}
}

// ControlPlanePorts are the ports of sentry, placement, scheduler (with its
// embedded etcd) and Mailpit. Each server gets its own healthz and metrics
// port: their defaults (8080, 9090, 2379/2380, placement's raft on 8201)
// would clash with each other, with the apps and with a second stack.
type ControlPlanePorts struct {
	Sentry, SentryHealthz, SentryMetrics                                int
	Placement, PlacementHealthz, PlacementMetrics, PlacementRaft        int
	Scheduler, SchedulerHealthz, SchedulerMetrics, EtcdClient, EtcdPeer int
	MailpitSMTP, MailpitHTTP                                            int
}

// BaseControlPlane is the control plane of a stack without offset.
func BaseControlPlane() ControlPlanePorts {
	return ControlPlanePorts{
		Sentry: 50001, SentryHealthz: 50011, SentryMetrics: 50021,
		Placement: 50005, PlacementHealthz: 50015, PlacementMetrics: 50025, PlacementRaft: 50009,
		Scheduler: 50006, SchedulerHealthz: 50016, SchedulerMetrics: 50026, EtcdClient: 50007, EtcdPeer: 50008,
		MailpitSMTP: 1025, MailpitHTTP: 8025,
	}
}

func (c ControlPlanePorts) shift(n int) ControlPlanePorts {
	return ControlPlanePorts{
		Sentry: c.Sentry + n, SentryHealthz: c.SentryHealthz + n, SentryMetrics: c.SentryMetrics + n,
		Placement: c.Placement + n, PlacementHealthz: c.PlacementHealthz + n, PlacementMetrics: c.PlacementMetrics + n,
		PlacementRaft: c.PlacementRaft + n,
		Scheduler:     c.Scheduler + n, SchedulerHealthz: c.SchedulerHealthz + n, SchedulerMetrics: c.SchedulerMetrics + n,
		EtcdClient: c.EtcdClient + n, EtcdPeer: c.EtcdPeer + n,
		MailpitSMTP: c.MailpitSMTP + n, MailpitHTTP: c.MailpitHTTP + n,
	}
}

// Binding is a port and what needs it.
type Binding struct {
	Port  int
	Owner string
}

// Layout is every port of one stack.
type Layout struct {
	ControlPlane ControlPlanePorts
	AppIDs       []string // in slot order
	Apps         map[string]AppPorts
}

// Shift returns the layout with n added to every port.
func (l Layout) Shift(n int) Layout {
	out := Layout{ControlPlane: l.ControlPlane.shift(n), AppIDs: slices.Clone(l.AppIDs), Apps: map[string]AppPorts{}}
	for id, p := range l.Apps {
		out.Apps[id] = p.shift(n)
	}
	return out
}

// Bindings lists every port of the layout with its owner.
func (l Layout) Bindings() []Binding {
	c := l.ControlPlane
	b := []Binding{
		{c.Sentry, "sentry"}, {c.SentryHealthz, "sentry healthz"}, {c.SentryMetrics, "sentry metrics"},
		{c.Placement, "placement"}, {c.PlacementHealthz, "placement healthz"},
		{c.PlacementMetrics, "placement metrics"}, {c.PlacementRaft, "placement raft"},
		{c.Scheduler, "scheduler"}, {c.SchedulerHealthz, "scheduler healthz"},
		{c.SchedulerMetrics, "scheduler metrics"}, {c.EtcdClient, "scheduler etcd client"},
		{c.EtcdPeer, "scheduler etcd peer"},
		{c.MailpitSMTP, "Mailpit SMTP"}, {c.MailpitHTTP, "Mailpit UI/API"},
	}
	for _, id := range l.AppIDs {
		p := l.Apps[id]
		b = append(b,
			Binding{p.App, id + " app"},
			Binding{p.HTTP, id + " sidecar HTTP API"},
			Binding{p.GRPC, id + " sidecar gRPC API"},
			Binding{p.Internal, id + " sidecar internal gRPC"},
			Binding{p.Metrics, id + " sidecar metrics"},
		)
	}
	return b
}

// Validate reports ports outside 1..65535 and ports claimed twice.
func (l Layout) Validate() error {
	var errs []error
	owner := map[int]string{}
	for _, b := range l.Bindings() {
		if b.Port < 1 || b.Port > 65535 {
			errs = append(errs, fmt.Errorf("port %d (%s) is out of range", b.Port, b.Owner))
		}
		if prev, ok := owner[b.Port]; ok {
			errs = append(errs, fmt.Errorf("port %d is given to both %s and %s", b.Port, prev, b.Owner))
		}
		owner[b.Port] = b.Owner
	}
	return errors.Join(errs...)
}

// CheckOffset reports an offset whose ports would reuse a port of the base
// layout: a stack with an offset must be able to run beside the base one.
func CheckOffset(base Layout, offset int) error {
	if offset < 0 {
		return fmt.Errorf("offset %d: must not be negative", offset)
	}
	if offset == 0 {
		return nil
	}
	baseOwner := map[int]string{}
	for _, b := range base.Bindings() {
		baseOwner[b.Port] = b.Owner
	}
	var errs []error
	for _, b := range base.Shift(offset).Bindings() {
		if o, ok := baseOwner[b.Port]; ok {
			errs = append(errs, fmt.Errorf("offset %d puts %s on port %d, which the base stack uses for %s",
				offset, b.Owner, b.Port, o))
		}
	}
	return errors.Join(errs...)
}

// CheckFree tries to listen on every port and names each one in use and
// who needs it.
func CheckFree(bindings []Binding) error {
	busy := busyPorts(bindings)
	if len(busy) == 0 {
		return nil
	}
	return busyError(busy)
}

// WaitFree is CheckFree, except that it waits up to wait for ports that no
// server listens on. Ports from 32768 up are in Linux's ephemeral range:
// the client side of a connection (often one of the previous run, in
// TIME_WAIT for up to a minute) can hold one for a while.
func WaitFree(ctx context.Context, bindings []Binding, wait time.Duration, notify func(string)) error {
	deadline := time.Now().Add(wait)
	told := map[int]bool{}
	for {
		busy := busyPorts(bindings)
		if len(busy) == 0 {
			return nil
		}
		for _, b := range busy {
			if listening(net.JoinHostPort("127.0.0.1", strconv.Itoa(b.Port))) || time.Now().After(deadline) {
				return busyError(busy)
			}
			if !told[b.Port] {
				told[b.Port] = true
				notify(fmt.Sprintf("port %d (%s) is held by a closing connection; waiting for it", b.Port, b.Owner))
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %w", busyError(busy), ctx.Err())
		case <-time.After(time.Second):
		}
	}
}

func busyPorts(bindings []Binding) []Binding {
	var busy []Binding
	for _, b := range bindings {
		l, err := net.Listen("tcp", ":"+strconv.Itoa(b.Port))
		if err != nil {
			busy = append(busy, b)
			continue
		}
		_ = l.Close()
	}
	return busy
}

func busyError(busy []Binding) error {
	lines := make([]string, 0, len(busy)+1)
	for _, b := range busy {
		lines = append(lines, fmt.Sprintf("port %d (%s) is already in use", b.Port, b.Owner))
	}
	if len(busy) > 3 {
		lines = append(lines, "(is another stack running? stop it, or choose another --offset)")
	}
	return errors.New(strings.Join(lines, "\n"))
}
