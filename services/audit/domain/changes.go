package domain

import (
	"encoding/json"
	"slices"
)

// pairs are the event types that state one change as two fields of their
// own: field, the payload key of the old value, of the new value.
var pairs = map[string]struct{ field, old, new string }{
	"taskrocket.task.status_changed.v1":           {"status", "from", "to"},
	"taskrocket.project.member_role_changed.v1":   {"role", "previousRole", "role"},
	"taskrocket.project.ownership_transferred.v1": {"owner", "previousOwnerId", "newOwnerId"},
}

// changesOf reads what changed: a pair type's two values; otherwise, for
// an event with `changed`, each named field's new value (from the nested
// entity when the payload has one, e.g. task.updated's task) and its old
// value from `previous` when the event carries it. A comment edit has its
// previous body.
func changesOf(eventType string, data map[string]json.RawMessage) []Change {
	if p, ok := pairs[eventType]; ok {
		return []Change{{Field: p.field, Old: data[p.old], New: data[p.new]}}
	}
	if eventType == "taskrocket.comment.updated.v1" {
		var c map[string]json.RawMessage
		_ = json.Unmarshal(data["comment"], &c)
		return []Change{{Field: "body", Old: data["previousBody"], New: c["body"]}}
	}
	var changed []string
	if json.Unmarshal(data["changed"], &changed) != nil || len(changed) == 0 {
		return []Change{}
	}
	var previous, nested map[string]json.RawMessage
	_ = json.Unmarshal(data["previous"], &previous)
	_ = json.Unmarshal(data["task"], &nested)
	out := make([]Change, 0, len(changed))
	for _, f := range slices.Compact(slices.Clone(changed)) {
		c := Change{Field: f, Old: previous[f], New: data[f]}
		if v, ok := nested[f]; ok {
			c.New = v
		}
		out = append(out, c)
	}
	return out
}
