package ports

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/taskrocket/taskrocket/services/tasks/domain"
)

// Cursors are opaque to clients: base64url (no padding) of a small JSON
// object holding the keyset position after the last item of a page. A
// task cursor also names its sort and order, so it cannot resume a list
// sorted differently. Anything that does not decode to a well-formed
// position of the requested sort is invalid_cursor. A cursor only moves
// a list that is already restricted to the caller's projects, so a
// forged one reveals nothing.

type taskPosition struct {
	Sort     domain.Sort  `json:"s"`
	Order    domain.Order `json:"o"`
	Priority *int         `json:"p,omitempty"`
	Due      *time.Time   `json:"d,omitempty"`
	At       *time.Time   `json:"t,omitempty"`
	Position string       `json:"k,omitempty"`
	ID       string       `json:"i"`
}

type labelPosition struct {
	NameKey string `json:"n"`
	ID      string `json:"i"`
}

func encodeCursor(v any) string {
	raw, _ := json.Marshal(v) // plain strings, numbers and times always marshal
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string, dst any) bool {
	if len(s) > 2048 {
		return false
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && json.Unmarshal(raw, dst) == nil
}

func encodeTaskCursor(c domain.TaskCursor) string {
	p := taskPosition{Sort: c.Sort, Order: c.Order, ID: c.ID}
	switch c.Sort {
	case domain.SortPriority, domain.SortEffective:
		n := int(c.Priority)
		p.Priority, p.Due = &n, c.Due
	case domain.SortDue:
		p.Due = c.Due
	case domain.SortCreated, domain.SortUpdated:
		at := c.At
		p.At = &at
	case domain.SortPosition:
		p.Position = c.Position
	}
	return encodeCursor(p)
}

// decodeTaskCursor reads a cursor issued for the list sorted by s and o.
func decodeTaskCursor(raw string, s domain.Sort, o domain.Order) (*domain.TaskCursor, error) {
	var p taskPosition
	if !decodeCursor(raw, &p) || p.Sort != s || p.Order != o {
		return nil, domain.ErrInvalidCursor
	}
	id, ok := domain.ParseID(p.ID)
	if !ok {
		return nil, domain.ErrInvalidCursor
	}
	c := &domain.TaskCursor{Sort: s, Order: o, ID: id, Due: p.Due}
	switch s {
	case domain.SortPriority, domain.SortEffective:
		if p.Priority == nil || *p.Priority < int(domain.PriorityNone) || *p.Priority > int(domain.PriorityUrgent) {
			return nil, domain.ErrInvalidCursor
		}
		c.Priority = domain.Priority(*p.Priority)
	case domain.SortCreated, domain.SortUpdated:
		if p.At == nil || p.At.Year() < 1 {
			return nil, domain.ErrInvalidCursor
		}
		c.At = *p.At
	case domain.SortPosition:
		if !domain.ValidPosition(p.Position) {
			return nil, domain.ErrInvalidCursor
		}
		c.Position = p.Position
	}
	if c.Due != nil && c.Due.Year() < 1 {
		return nil, domain.ErrInvalidCursor
	}
	return c, nil
}

func encodeLabelCursor(c domain.LabelCursor) string {
	return encodeCursor(labelPosition{NameKey: c.NameKey, ID: c.ID})
}

func decodeLabelCursor(raw string) (*domain.LabelCursor, error) {
	var p labelPosition
	if !decodeCursor(raw, &p) || !utf8.ValidString(p.NameKey) || strings.ContainsRune(p.NameKey, 0) ||
		utf8.RuneCountInString(p.NameKey) > 4*domain.MaxLabelNameRunes {
		return nil, domain.ErrInvalidCursor
	}
	id, ok := domain.ParseID(p.ID)
	if !ok {
		return nil, domain.ErrInvalidCursor
	}
	return &domain.LabelCursor{NameKey: p.NameKey, ID: id}, nil
}
