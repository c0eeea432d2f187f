package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"
	"gorm.io/gorm"
)

// Publisher sends one CloudEvent's bytes to a topic (daprx.Sidecar).
type Publisher interface {
	Publish(ctx context.Context, pubsub, topic string, cloudEvent []byte) error
}

// RelayOptions tune a Relay; zero values take the defaults.
type RelayOptions struct {
	BatchSize    int           // rows per pass, default 100
	PollInterval time.Duration // fallback when no notification arrives, default 1s
	MaxBackoff   time.Duration // after publish failures, default 30s
	Retention    time.Duration // published rows kept for inspection, default 72h
	ListenDSN    string        // Postgres URL for LISTEN; empty disables it
}

// Relay publishes pending outbox rows in creation order.
type Relay struct {
	db   *gorm.DB
	pub  Publisher
	log  *slog.Logger
	opts RelayOptions

	published prometheus.Counter
	failures  prometheus.Counter
	pending   prometheus.GaugeFunc
}

// NewRelay returns a relay; call Collectors to expose its metrics.
func NewRelay(db *gorm.DB, pub Publisher, log *slog.Logger, opts RelayOptions) *Relay {
	if opts.BatchSize <= 0 {
		opts.BatchSize = 100
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = time.Second
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 30 * time.Second
	}
	if opts.Retention <= 0 {
		opts.Retention = 72 * time.Hour
	}
	r := &Relay{db: db, pub: pub, log: log, opts: opts}
	r.published = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "outbox_published_total", Help: "Outbox events published to pub/sub."})
	r.failures = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "outbox_publish_failures_total", Help: "Failed attempts to publish outbox events."})
	r.pending = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "outbox_pending_events", Help: "Outbox events not yet published."}, r.countPending)
	return r
}

// Collectors are the relay's metrics.
func (r *Relay) Collectors() []prometheus.Collector {
	return []prometheus.Collector{r.published, r.failures, r.pending}
}

func (r *Relay) countPending() float64 {
	var n int64
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := r.db.WithContext(ctx).Raw(`SELECT count(*) FROM outbox_events WHERE published_at IS NULL`).Scan(&n).Error; err != nil {
		return -1
	}
	return float64(n)
}

// Run relays until ctx is cancelled.
func (r *Relay) Run(ctx context.Context) error {
	wake := make(chan struct{}, 1)
	if r.opts.ListenDSN != "" {
		go r.listen(ctx, wake)
	}
	poll := time.NewTicker(r.opts.PollInterval)
	defer poll.Stop()
	prune := time.NewTicker(time.Hour)
	defer prune.Stop()

	backoff := time.Duration(0)
	for {
		sent, err := r.Pass(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			backoff = min(max(2*backoff, 250*time.Millisecond), r.opts.MaxBackoff)
			r.log.WarnContext(ctx, "outbox relay pass failed", "error", err, "retry_in", backoff.String())
			if !sleep(ctx, backoff) {
				return nil
			}
			continue
		case sent == r.opts.BatchSize:
			backoff = 0
			continue // more may be waiting
		}
		backoff = 0
		select {
		case <-ctx.Done():
			return nil
		case <-wake:
		case <-poll.C:
		case <-prune.C:
			r.prune(ctx)
		}
	}
}

type row struct {
	ID      string
	Pubsub  string
	Topic   string
	Payload []byte
}

// Pass publishes up to one batch of pending rows and reports how many were
// sent. It stops at the first failure so events keep their order; the
// failed row keeps its attempt count and error for operators.
func (r *Relay) Pass(ctx context.Context) (int, error) {
	sent := 0
	var pubErr error
	// The bookkeeping outlives a shutdown that arrives mid-pass: an event the
	// broker has accepted is marked published rather than sent again later.
	err := r.db.WithContext(context.WithoutCancel(ctx)).Transaction(func(tx *gorm.DB) error {
		var rows []row
		if err := tx.Raw(`SELECT id, pubsub, topic, payload FROM outbox_events
			WHERE published_at IS NULL ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED`, r.opts.BatchSize).
			Scan(&rows).Error; err != nil {
			return fmt.Errorf("select pending: %w", err)
		}
		var done []string
		for _, rw := range rows {
			if pubErr = r.pub.Publish(ctx, rw.Pubsub, rw.Topic, rw.Payload); pubErr != nil {
				r.failures.Inc()
				if err := tx.Exec(`UPDATE outbox_events SET attempts = attempts + 1, last_error = ? WHERE id = ?`,
					pubErr.Error(), rw.ID).Error; err != nil {
					return errors.Join(pubErr, err)
				}
				break
			}
			done = append(done, rw.ID)
		}
		if len(done) > 0 {
			if err := tx.Exec(`UPDATE outbox_events SET published_at = now(), attempts = attempts + 1, last_error = NULL
				WHERE id = ANY(?::uuid[])`, pgArray(done)).Error; err != nil {
				return fmt.Errorf("mark published: %w", err)
			}
		}
		sent = len(done)
		r.published.Add(float64(sent))
		return nil // commit what was published, and the failure record
	})
	if err != nil {
		return sent, err
	}
	if pubErr != nil {
		return sent, fmt.Errorf("publish: %w", pubErr)
	}
	return sent, nil
}

func (r *Relay) prune(ctx context.Context) {
	cutoff := time.Now().Add(-r.opts.Retention)
	if err := r.db.WithContext(ctx).Exec(`DELETE FROM outbox_events WHERE published_at < ?`, cutoff).Error; err != nil {
		r.log.WarnContext(ctx, "outbox prune failed", "error", err)
	}
}

// listen wakes the loop on every committed outbox insert.
func (r *Relay) listen(ctx context.Context, wake chan<- struct{}) {
	wakeUp := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	for ctx.Err() == nil {
		conn, err := pgx.Connect(ctx, r.opts.ListenDSN)
		if err == nil {
			_, err = conn.Exec(ctx, "LISTEN "+notifyChannel)
		}
		if err == nil {
			// Rows committed before LISTEN took effect (at start, or while
			// reconnecting) sent notifications nobody heard: look now.
			wakeUp()
		}
		for err == nil {
			if _, err = conn.WaitForNotification(ctx); err == nil {
				wakeUp()
			}
		}
		if conn != nil {
			_ = conn.Close(context.WithoutCancel(ctx))
		}
		if ctx.Err() == nil {
			r.log.WarnContext(ctx, "outbox listener reconnecting", "error", err)
			sleep(ctx, time.Second)
		}
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// pgArray renders ids as a Postgres array literal for ANY(?::uuid[]).
func pgArray(ids []string) string {
	b := []byte{'{'}
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, id...)
	}
	return string(append(b, '}'))
}
