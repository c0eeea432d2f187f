// Command notifylatency measures how long a notification takes from the
// event that causes it to each channel: the live stream (Server-Sent
// Events through the gateway), the mailbox (Mailpit) and the MQTT push
// topic. It starts its own stack (ports +12000), publishes task.assigned
// events through the tasks app's sidecar at a steady pace, and writes
// p50/p99/max per channel to bench/out/notifications.md.
//
//	go run ./tools/bench/notifylatency [-n 200] [-rate 5]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 200, "events to publish")
	rate := flag.Float64("rate", 5, "events per second")
	root := flag.String("root", ".", "repository root")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *root, *n, *rate); err != nil {
		fmt.Fprintln(os.Stderr, "notifylatency:", err)
		os.Exit(1)
	}
}

// arrivals records when each event's notification reached each channel.
type arrivals struct {
	mu   sync.Mutex
	sent map[string]time.Time            // title -> published
	got  map[string]map[string]time.Time // channel -> title -> arrived
}

func newArrivals() *arrivals {
	return &arrivals{sent: map[string]time.Time{}, got: map[string]map[string]time.Time{"stream": {}, "email": {}, "push": {}}}
}

func (a *arrivals) published(title string, at time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sent[title] = at
}

// arrived records the first arrival of title on channel (text containing
// the title).
func (a *arrivals) arrived(channel, text string, at time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for title := range a.sent {
		if strings.Contains(text, title) {
			if _, seen := a.got[channel][title]; !seen {
				a.got[channel][title] = at
			}
		}
	}
}

func (a *arrivals) complete() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, m := range a.got {
		if len(m) < len(a.sent) {
			return false
		}
	}
	return true
}

// latencies returns the sorted latencies of a channel and how many never
// arrived.
func (a *arrivals) latencies(channel string) ([]time.Duration, int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []time.Duration
	for title, sent := range a.sent {
		if at, ok := a.got[channel][title]; ok {
			out = append(out, at.Sub(sent))
		}
	}
	slices.Sort(out)
	return out, len(a.sent) - len(out)
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	i := int(float64(len(d)-1) * p)
	return d[i]
}

func report(path string, a *arrivals, n int, rate float64, started time.Time) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# Notification latency\n\n%s, %d task.assigned events at %.0f/s, published through the tasks app's sidecar; "+
		"each notification is timed from its publish to its arrival. Stack: `go run ./tools/bench/notifylatency` "+
		"(components/local: Redis Streams pub/sub, Postgres state, Mailpit, Mosquitto).\n\n", started.UTC().Format(time.RFC3339), n, rate)
	fmt.Fprintln(&b, "| channel | p50 | p99 | max | missing | target (p99) |")
	fmt.Fprintln(&b, "|---|---|---|---|---|---|")
	targets := map[string]string{"stream": "≤ 1 s", "email": "≤ 2 s", "push": "—"}
	for _, ch := range []string{"stream", "email", "push"} {
		d, missing := a.latencies(ch)
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | %s |\n", ch, ms(pct(d, 0.5)), ms(pct(d, 0.99)), ms(pct(d, 1)), missing, targets[ch])
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	return b.String(), os.WriteFile(path, []byte(b.String()), 0o644)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }
