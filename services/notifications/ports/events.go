package ports

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/fields"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// Routes the declarative subscriptions (components/subscriptions/
// notifications.yaml) deliver each topic to; the handler reads the event
// type.
const (
	RouteTasks       = "/events/tasks"
	RouteProjects    = "/events/projects"
	RouteInvitations = "/events/invitations"
	RouteComments    = "/events/comments"
	RouteUsers       = "/events/users"
	RoutePriorities  = "/events/priorities"
	RouteCalendar    = "/events/calendar"
)

// decoder turns one event type into what the service learns from it.
type decoder func(ev events.Event) (domain.Event, error)

// decoderOf returns the decoder of an event type; a type without one
// (categories, tags, a reaction taken back) is acknowledged without work.
func decoderOf(eventType string) (decoder, bool) {
	for _, table := range []map[string]decoder{taskDecoders, projectDecoders, invitationDecoders, commentDecoders, userDecoders, priorityDecoders, calendarDecoders} {
		if d, ok := table[eventType]; ok {
			return d, true
		}
	}
	return nil, false
}

// onEvent is the subscriber of every topic.
func (h *HTTP) onEvent(ctx context.Context, ev events.Event) error {
	decode, ok := decoderOf(ev.Type)
	if !ok {
		return nil
	}
	d, err := decode(ev)
	if err != nil {
		return errors.Join(daprx.ErrDrop, fmt.Errorf("%s %s: %w", ev.Type, ev.ID, err))
	}
	if d.Empty() {
		return nil // nothing to tell anyone, nothing to remember
	}
	d.ID = ev.ID
	return h.app.Handle(ctx, d)
}

// errBadPayload marks an event that does not follow its contract.
var errBadPayload = errors.New("payload does not follow the contract")

// ids checks that every given id is a UUID and returns their canonical
// forms; optional ones may be empty.
type idChecker struct{ bad []string }

func (c *idChecker) id(name, raw string) string {
	id, ok := fields.ParseUUID(raw)
	if !ok {
		c.bad = append(c.bad, name)
	}
	return id
}

func (c *idChecker) optional(name, raw string) string {
	if raw == "" {
		return ""
	}
	return c.id(name, raw)
}

func (c *idChecker) ptr(name string, raw *string) string {
	if raw == nil {
		return ""
	}
	return c.id(name, *raw)
}

func (c *idChecker) list(name string, raw []string) []string {
	out := make([]string, 0, len(raw))
	for _, r := range raw {
		out = append(out, c.id(name, r))
	}
	return out
}

func (c *idChecker) err() error {
	if len(c.bad) == 0 {
		return nil
	}
	return fmt.Errorf("%w: invalid %s", errBadPayload, strings.Join(c.bad, ", "))
}

// on is the decoder of an event whose payload is a T: build turns the
// payload into what the service learns, checking ids with c.
func on[T any](build func(p T, c *idChecker) domain.Event) decoder {
	return func(ev events.Event) (domain.Event, error) {
		var p T
		if err := ev.Decode(&p); err != nil {
			return domain.Event{}, err
		}
		var c idChecker
		out := build(p, &c)
		return out, c.err()
	}
}

// humanList joins changed field names for a sentence ("title, due date").
func humanList(names []string, words map[string]string) string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if w, ok := words[n]; ok {
			out = append(out, w)
		}
	}
	return strings.Join(out, ", ")
}

// direct addresses one user, if the id is set.
func direct(userID string, reason domain.Reason) []domain.Direct {
	if userID == "" {
		return nil
	}
	return []domain.Direct{{UserID: userID, Reason: reason}}
}
