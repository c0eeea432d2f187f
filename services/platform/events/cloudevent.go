// Package events builds and reads CloudEvents 1.0 (structured JSON mode),
// the envelope of every TaskRocket event. Services publish the envelope's
// bytes as they are: the sidecar adds its tracing and routing fields and
// wraps nothing a second time.
package events

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// ContentType is the media type of a structured CloudEvent.
const ContentType = "application/cloudevents+json"

// Event is a CloudEvent as TaskRocket publishes and receives it.
type Event struct {
	SpecVersion     string          `json:"specversion"`
	ID              string          `json:"id"`
	Source          string          `json:"source"`
	Type            string          `json:"type"`
	Subject         string          `json:"subject,omitempty"`
	Time            time.Time       `json:"time"`
	DataContentType string          `json:"datacontenttype"`
	DataSchema      string          `json:"dataschema,omitempty"`
	Data            json.RawMessage `json:"data"`

	// Set by the sidecar on delivery.
	Topic       string `json:"topic,omitempty"`
	PubSubName  string `json:"pubsubname,omitempty"`
	TraceParent string `json:"traceparent,omitempty"`
}

// New returns an event with a fresh id (UUIDv7: sortable by creation) and
// data marshalled as JSON.
func New(source, eventType, subject string, data any) (Event, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return Event{}, fmt.Errorf("marshal %s data: %w", eventType, err)
	}
	id, err := uuid.NewV7()
	if err != nil {
		return Event{}, fmt.Errorf("event id: %w", err)
	}
	return Event{
		SpecVersion: "1.0", ID: id.String(), Source: source, Type: eventType, Subject: subject,
		Time: time.Now().UTC(), DataContentType: "application/json", Data: raw,
	}, nil
}

// Parse reads a structured CloudEvent and checks its required attributes.
func Parse(body []byte) (Event, error) {
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil {
		return Event{}, fmt.Errorf("cloudevent is not JSON: %w", err)
	}
	switch {
	case ev.SpecVersion != "1.0":
		return Event{}, fmt.Errorf("unsupported cloudevent specversion %q", ev.SpecVersion)
	case ev.ID == "" || ev.Source == "" || ev.Type == "":
		return Event{}, errors.New("cloudevent lacks id, source or type")
	}
	return ev, nil
}

// Decode unmarshals the event's data into dst.
func (e Event) Decode(dst any) error {
	if err := json.Unmarshal(e.Data, dst); err != nil {
		return fmt.Errorf("decode %s data: %w", e.Type, err)
	}
	return nil
}
