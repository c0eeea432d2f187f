// Package outbox implements the transactional outbox for services that keep
// their data in Postgres: an event is stored in the same transaction as the
// change it announces, and a relay publishes stored events to Dapr pub/sub
// afterwards. Nothing is lost if the process dies between the commit and
// the publish: the row stays pending and is sent on the next pass (at least
// once; consumers deduplicate on the CloudEvent id with Consume).
package outbox

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// notifyChannel wakes relays as soon as an outbox transaction commits.
const notifyChannel = "taskrocket_outbox"

// Migrations is the outbox schema; every service that uses the outbox runs
// it together with its own migrations.
func Migrations() migrate.Source {
	return migrate.Embedded("platform.outbox", migrationFiles, "migrations")
}

// Append stores ev for publication to pubsub/topic. tx must be the
// transaction that makes the change the event describes.
func Append(ctx context.Context, tx *gorm.DB, pubsub, topic string, ev events.Event) error {
	payload, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("outbox: marshal %s: %w", ev.Type, err)
	}
	if err := tx.WithContext(ctx).Exec(
		`INSERT INTO outbox_events (id, pubsub, topic, event_type, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		ev.ID, pubsub, topic, ev.Type, payload, ev.Time,
	).Error; err != nil {
		return fmt.Errorf("outbox: store %s: %w", ev.Type, err)
	}
	// Delivered only if the transaction commits.
	if err := tx.WithContext(ctx).Exec(`SELECT pg_notify(?, '')`, notifyChannel).Error; err != nil {
		return fmt.Errorf("outbox: notify: %w", err)
	}
	return nil
}

// Consume runs apply at most once per (consumer, eventID): the event id is
// recorded in the same transaction as apply's changes, so a redelivered
// event is acknowledged without being applied twice.
func Consume(ctx context.Context, db *gorm.DB, consumer, eventID string, apply func(tx *gorm.DB) error) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec(`INSERT INTO processed_events (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, consumer, eventID)
		if res.Error != nil {
			return fmt.Errorf("inbox: record %s: %w", eventID, res.Error)
		}
		if res.RowsAffected == 0 {
			return nil // already applied
		}
		return apply(tx)
	})
}
