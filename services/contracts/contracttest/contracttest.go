// Package contracttest checks in tests what a service publishes against the
// event contracts: every event its outbox holds is a CloudEvent on the
// right topic, from the right source, whose data matches the JSON Schema of
// its type.
package contracttest

import (
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// validator compiles the schemas once for every test of the package.
var validator = sync.OnceValues(contracts.NewValidator)

// Outbox reads a service's outbox table.
type Outbox struct {
	DB *gorm.DB
	// Topic and Source are what every event of the service carries.
	Topic, Source string
	// Subject, when set, also requires every event to name its subject.
	Subject bool
}

// Events returns the stored events of one type, oldest first, after
// checking each one's envelope and its payload against the event type's
// JSON Schema.
func (o Outbox) Events(t testing.TB, eventType string) []events.Event {
	t.Helper()
	var rows []struct {
		Topic   string
		Payload []byte
	}
	if err := o.DB.Raw(`SELECT topic, payload FROM outbox_events WHERE event_type = ? ORDER BY seq`, eventType).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	v, err := validator()
	if err != nil {
		t.Fatal(err)
	}
	var out []events.Event
	for _, r := range rows {
		ev, err := events.Parse(r.Payload)
		if err != nil {
			t.Fatalf("outbox row is not a CloudEvent: %v", err)
		}
		if r.Topic != o.Topic || ev.Source != o.Source || ev.DataSchema != contracts.SchemaURL(eventType) || (o.Subject && ev.Subject == "") {
			t.Errorf("event %s: topic %q source %q dataschema %q subject %q", ev.ID, r.Topic, ev.Source, ev.DataSchema, ev.Subject)
		}
		if err := v.Validate(ev.Type, ev.Data); err != nil {
			t.Errorf("outbox payload fails its schema: %v\n%s", err, ev.Data)
		}
		out = append(out, ev)
	}
	return out
}

// CheckAll checks every stored event, of whatever type, as Events does.
func (o Outbox) CheckAll(t testing.TB) {
	t.Helper()
	var types []string
	if err := o.DB.Raw(`SELECT DISTINCT event_type FROM outbox_events`).Scan(&types).Error; err != nil {
		t.Fatal(err)
	}
	for _, typ := range types {
		o.Events(t, typ)
	}
}

// Decode returns an event's data as a T and fails the test if it does not
// decode.
func Decode[T any](t testing.TB, ev events.Event) T {
	t.Helper()
	var v T
	if err := ev.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
