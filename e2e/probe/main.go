// Command probe is the end-to-end suite's own app. It runs beside its own
// daprd like any TaskRocket service and exercises the shared plumbing with
// nothing mocked: events written through the transactional outbox and
// relayed to pub/sub, a declarative subscription delivering them back with
// idempotent consumption, and Dapr state with a TTL. Through a pub/sub
// component of its own on the product's Redis database, it also reads the
// product's topics with its own consumer group and keeps the events for
// the tests to inspect (GET /captured). It is never deployed.
package main

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"strconv"
	"sync"
	"time"

	dapr "github.com/dapr/go-sdk/client"
	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/migrate"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/postgres"
	"github.com/taskrocket/taskrocket/services/platform/service"
)

// Component and topic names; the YAML is in e2e/resources.
const (
	pubsubName = "probe-pubsub"
	stateStore = "probe-state"
	topic      = "probe-pings"
	eventType  = "taskrocket.probe.ping.v1"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type config struct {
	Port int `env:"PORT" default:"8112"`
	DB   postgres.Config
}

func main() {
	service.Main(service.Spec{Name: "probe", Serve: serve})
}

func serve(ctx context.Context, rt *service.Runtime) error {
	var cfg config
	if err := rt.Load(&cfg); err != nil {
		return err
	}
	own, _ := fs.Sub(migrationFiles, "migrations")
	store, err := rt.OpenStore(ctx, cfg.DB, migrate.Source{Component: "probe", FS: own})
	if err != nil {
		return err
	}
	srv := rt.Server(cfg.Port, store.Check())
	p := &probe{db: store.DB, sidecar: rt.Sidecar, seen: map[string]int{}}
	e := srv.Engine
	e.POST("/emit", p.emit)
	e.GET("/outbox", p.outboxState)
	e.GET("/received", p.received)
	e.POST("/events/ping", daprx.Subscriber(rt.Log, rt.Base.Dapr.AppToken, p.consume)...)
	e.POST("/events/product", daprx.Subscriber(rt.Log, rt.Base.Dapr.AppToken, p.capture)...)
	e.GET("/captured", p.captured)
	e.PUT("/state/:key", p.saveState)
	e.GET("/state/:key", p.getState)
	return rt.Run(ctx, srv, store.Relay.Run)
}

type probe struct {
	db      *gorm.DB
	sidecar *daprx.Sidecar

	// The product's events as delivered through probe-product-events
	// (one entry per event id, in order of first delivery).
	mu      sync.Mutex
	product []capturedEvent
	seen    map[string]int // event id -> deliveries
}

// capturedEvent is a product event as the probe received it.
type capturedEvent struct {
	ID              string          `json:"id"`
	SpecVersion     string          `json:"specversion"`
	Source          string          `json:"source"`
	Type            string          `json:"type"`
	Subject         string          `json:"subject"`
	Time            string          `json:"time"`
	DataContentType string          `json:"datacontenttype"`
	DataSchema      string          `json:"dataschema,omitempty"`
	Topic           string          `json:"topic"`
	PubSubName      string          `json:"pubsubname"`
	Data            json.RawMessage `json:"data"`
	Deliveries      int             `json:"deliveries"`
}

// maxCaptured bounds the memory the capture uses; older events are
// dropped first.
const maxCaptured = 200000

// emit stores ?count= events in one transaction through the outbox.
func (p *probe) emit(c *gin.Context) {
	n, err := strconv.Atoi(c.DefaultQuery("count", "1"))
	if err != nil || n < 1 || n > 100000 {
		c.JSON(http.StatusBadRequest, gin.H{"error": "count must be 1..100000"})
		return
	}
	ids := make([]string, 0, n)
	err = p.db.WithContext(c).Transaction(func(tx *gorm.DB) error {
		for i := range n {
			ev, err := events.New("/probe", eventType, strconv.Itoa(i), map[string]int{"seq": i})
			if err != nil {
				return err
			}
			if err := outbox.Append(c, tx, pubsubName, topic, ev); err != nil {
				return err
			}
			ids = append(ids, ev.ID)
		}
		return nil
	})
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	c.JSON(http.StatusOK, gin.H{"ids": ids})
}

func (p *probe) outboxState(c *gin.Context) {
	var st struct{ Pending, Published int64 }
	err := p.db.WithContext(c).Raw(`SELECT count(*) FILTER (WHERE published_at IS NULL) AS pending,
		count(*) FILTER (WHERE published_at IS NOT NULL) AS published FROM outbox_events`).Scan(&st).Error
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	c.JSON(http.StatusOK, gin.H{"pending": st.Pending, "published": st.Published})
}

// consume records each event once (inbox) and counts every delivery.
func (p *probe) consume(ctx context.Context, ev events.Event) error {
	if ev.Type != eventType {
		return errors.Join(daprx.ErrDrop, errors.New("unexpected event type "+ev.Type))
	}
	if err := p.db.WithContext(ctx).Exec(`UPDATE deliveries SET count = count + 1`).Error; err != nil {
		return err
	}
	return outbox.Consume(ctx, p.db, "probe", ev.ID, func(tx *gorm.DB) error {
		return tx.Exec(`INSERT INTO received (event_id, topic) VALUES (?, ?)`, ev.ID, ev.Topic).Error
	})
}

// capture records a product event (topics projects, tasks, invitations,
// users, comments, sessions), once per id, counting redeliveries.
func (p *probe) capture(_ context.Context, ev events.Event) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.seen[ev.ID]; ok {
		p.seen[ev.ID]++
		return nil
	}
	p.seen[ev.ID] = 1
	if len(p.product) >= maxCaptured {
		for _, old := range p.product[:maxCaptured/2] {
			delete(p.seen, old.ID)
		}
		p.product = append([]capturedEvent(nil), p.product[maxCaptured/2:]...)
	}
	p.product = append(p.product, capturedEvent{
		ID: ev.ID, SpecVersion: ev.SpecVersion, Source: ev.Source, Type: ev.Type, Subject: ev.Subject,
		Time: ev.Time.Format(time.RFC3339Nano), DataContentType: ev.DataContentType, DataSchema: ev.DataSchema,
		Topic: ev.Topic, PubSubName: ev.PubSubName, Data: ev.Data,
	})
	return nil
}

// captured lists the captured product events, oldest first, filtered by
// ?type= and ?subject= when given.
func (p *probe) captured(c *gin.Context) {
	typ, subject := c.Query("type"), c.Query("subject")
	p.mu.Lock()
	items := make([]capturedEvent, 0)
	for _, ev := range p.product {
		if (typ == "" || ev.Type == typ) && (subject == "" || ev.Subject == subject) {
			ev.Deliveries = p.seen[ev.ID]
			items = append(items, ev)
		}
	}
	p.mu.Unlock()
	c.JSON(http.StatusOK, gin.H{"items": items})
}

func (p *probe) received(c *gin.Context) {
	var st struct{ Distinct, Deliveries int64 }
	err := p.db.WithContext(c).Raw(`SELECT (SELECT count(*) FROM received) AS distinct,
		(SELECT count FROM deliveries) AS deliveries`).Scan(&st).Error
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	c.JSON(http.StatusOK, gin.H{"distinct": st.Distinct, "deliveries": st.Deliveries})
}

// saveState stores the request body under key with ?ttl= seconds.
func (p *probe) saveState(c *gin.Context) {
	body, err := c.GetRawData()
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	client, err := p.sidecar.Client(c)
	if err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": err.Error()})
		return
	}
	meta := map[string]string{}
	if ttl := c.Query("ttl"); ttl != "" {
		meta["ttlInSeconds"] = ttl
	}
	if err := client.SaveState(c, stateStore, c.Param("key"), body, meta, dapr.WithConsistency(dapr.StateConsistencyStrong)); err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"error": err.Error()})
		return
	}
	c.Status(http.StatusNoContent)
}

func (p *probe) getState(c *gin.Context) {
	client, err := p.sidecar.Client(c)
	if err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": err.Error()})
		return
	}
	item, err := client.GetState(c, stateStore, c.Param("key"), nil)
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"error": err.Error()})
		return
	}
	if len(item.Value) == 0 {
		c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
		return
	}
	if exp, ok := item.Metadata["ttlExpireTime"]; ok {
		c.Header("X-Expires-At", exp)
	}
	c.Data(http.StatusOK, "application/octet-stream", item.Value)
}
