package domain

import (
	"maps"
	"slices"
)

// Recipient is one person to tell about an event, and why.
type Recipient struct {
	UserID string
	Reason Reason
	Detail string // the event's Detail unless the event gave this recipient their own
}

// Audiences are who an event's audience consists of, as the views know
// them now: the task's followers, the project's members. Members is nil
// when the project is unknown here (it predates this service's view of
// it); membership is then not checked.
type Audiences struct {
	Followers []string
	Members   map[string]bool
}

// Recipients decides who hears of ev, once each: the people it addresses
// (with their own reason), then its audience (with the event's reason).
// Never the person who made the change, and, for anything inside a
// project, only its current members: a removed member who still followed
// a task hears nothing more of it.
func Recipients(ev Event, aud Audiences) []Recipient {
	seen := map[string]bool{ev.ActorID: true, "": true}
	var out []Recipient
	add := func(userID string, reason Reason, detail string, anyMember bool) {
		if seen[userID] || reason == "" {
			return
		}
		if !anyMember && aud.Members != nil && ev.ProjectID != "" && !aud.Members[userID] {
			return
		}
		seen[userID] = true
		out = append(out, Recipient{UserID: userID, Reason: reason, Detail: detail})
	}
	for _, d := range ev.Direct {
		detail := d.Detail
		if detail == "" {
			detail = ev.Detail
		}
		add(d.UserID, d.Reason, detail, d.AnyMember)
	}
	switch ev.Audience {
	case AudienceFollowers:
		for _, id := range aud.Followers {
			add(id, ev.Reason, ev.Detail, false)
		}
	case AudienceMembers:
		if aud.Members == nil {
			// The project is gone from the views (deleted): the event
			// carries whom it had.
			for _, id := range ev.MemberIDs {
				add(id, ev.Reason, ev.Detail, true)
			}
			break
		}
		for _, id := range slices.Sorted(maps.Keys(aud.Members)) {
			add(id, ev.Reason, ev.Detail, false)
		}
	}
	return out
}
