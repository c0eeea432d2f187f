package domain

import (
	"fmt"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/fields"
)

// ChannelSet says which channels carry a kind of notification.
type ChannelSet struct {
	InApp bool `json:"inApp"`
	Email bool `json:"email"`
	Push  bool `json:"push"`
}

// Has reports whether the set includes ch.
func (s ChannelSet) Has(ch Channel) bool {
	switch ch {
	case ChannelInApp:
		return s.InApp
	case ChannelEmail:
		return s.Email
	case ChannelPush:
		return s.Push
	}
	return false
}

// Any reports whether any channel is on.
func (s ChannelSet) Any() bool { return s.InApp || s.Email || s.Push }

// Delivery is when e-mail is sent.
type Delivery string

// E-mail deliveries.
const (
	DeliveryImmediate Delivery = "immediate" // one e-mail per notification
	DeliveryDaily     Delivery = "daily"     // one digest a day at DigestTime in the user's timezone
)

// DefaultDigestTime is when a daily digest goes out unless chosen otherwise.
const DefaultDigestTime = "08:00"

// Preferences are one user's choices. The zero value is not valid; start
// from DefaultPreferences.
type Preferences struct {
	Kinds      map[Kind]ChannelSet `json:"kinds"`
	Delivery   Delivery            `json:"delivery"`
	DigestTime string              `json:"digestTime"` // HH:MM in the user's timezone
	Muted      []string            `json:"muted"`      // project ids, sorted
	// UnsubscribeKey signs the unsubscribe links of this user's e-mail
	// (random, never shown): a link works without logging in, and only
	// for this user.
	UnsubscribeKey string `json:"unsubscribeKey"`
}

// defaults are what a user who never chose gets: everything in the app;
// e-mail for what is addressed to them personally and for comments on
// what they follow; push only for what needs them now.
var defaults = map[Kind]ChannelSet{
	KindAssignment: {InApp: true, Email: true, Push: true},
	KindMention:    {InApp: true, Email: true, Push: true},
	KindComment:    {InApp: true, Email: true},
	KindTaskUpdate: {InApp: true},
	KindReaction:   {InApp: true},
	KindInvitation: {InApp: true, Email: true},
	KindMembership: {InApp: true, Email: true},
	KindProject:    {InApp: true},
	KindPriority:   {InApp: true, Push: true},
	// A reminder is something the user asked for, at a time they chose.
	KindReminder: {InApp: true, Email: true, Push: true},
}

// DefaultPreferences returns the preferences of a user who never chose.
func DefaultPreferences() Preferences {
	p := Preferences{Kinds: map[Kind]ChannelSet{}, Delivery: DeliveryImmediate, DigestTime: DefaultDigestTime, Muted: []string{}}
	for k, s := range defaults {
		p.Kinds[k] = s
	}
	return p
}

// Normalize fills what a stored document lacks (a kind added after it was
// written gets its default).
func (p *Preferences) Normalize() {
	if p.Kinds == nil {
		p.Kinds = map[Kind]ChannelSet{}
	}
	for k, s := range defaults {
		if _, ok := p.Kinds[k]; !ok {
			p.Kinds[k] = s
		}
	}
	if p.Delivery == "" {
		p.Delivery = DeliveryImmediate
	}
	if p.DigestTime == "" {
		p.DigestTime = DefaultDigestTime
	}
	if p.Muted == nil {
		p.Muted = []string{}
	}
}

// ChannelsFor returns the channels that carry a notification of kind
// about projectID ("" when it concerns no project).
func (p Preferences) ChannelsFor(kind Kind, projectID string) ChannelSet {
	if projectID != "" && kind.Mutable() && p.IsMuted(projectID) {
		return ChannelSet{}
	}
	return p.Kinds[kind]
}

// IsMuted reports whether the user muted the project.
func (p Preferences) IsMuted(projectID string) bool {
	_, found := slices.BinarySearch(p.Muted, projectID)
	return found
}

// Mute adds or removes a project from the muted ones; it reports whether
// anything changed.
func (p *Preferences) Mute(projectID string, muted bool) bool {
	i, found := slices.BinarySearch(p.Muted, projectID)
	switch {
	case muted && !found:
		p.Muted = slices.Insert(p.Muted, i, projectID)
	case !muted && found:
		p.Muted = slices.Delete(p.Muted, i, i+1)
	default:
		return false
	}
	return true
}

// MaxMuted bounds the muted projects of one user.
const MaxMuted = 500

// ChannelPatch changes some channels of a kind; nil leaves one alone.
type ChannelPatch struct {
	InApp, Email, Push *bool
}

// PreferencesPatch is a partial change of preferences.
type PreferencesPatch struct {
	Kinds      map[string]ChannelPatch
	Delivery   *string
	DigestTime *string
}

// Apply checks the whole patch and applies it, or returns every problem
// (validation_failed) and changes nothing.
func (p *Preferences) Apply(patch PreferencesPatch) error {
	problems := fields.Problems{}
	for name := range patch.Kinds {
		if !Kind(name).Valid() {
			problems.Add("kinds."+name, "unknown_kind")
		}
	}
	if patch.Delivery != nil && *patch.Delivery != string(DeliveryImmediate) && *patch.Delivery != string(DeliveryDaily) {
		problems.Add("delivery", "invalid")
	}
	if patch.DigestTime != nil {
		if _, _, ok := ParseClock(*patch.DigestTime); !ok {
			problems.Add("digestTime", "invalid")
		}
	}
	if err := problems.Err(); err != nil {
		return err
	}
	for name, cp := range patch.Kinds {
		s := p.Kinds[Kind(name)]
		set := func(dst *bool, v *bool) {
			if v != nil {
				*dst = *v
			}
		}
		set(&s.InApp, cp.InApp)
		set(&s.Email, cp.Email)
		set(&s.Push, cp.Push)
		p.Kinds[Kind(name)] = s
	}
	if patch.Delivery != nil {
		p.Delivery = Delivery(*patch.Delivery)
	}
	if patch.DigestTime != nil {
		p.DigestTime = *patch.DigestTime
	}
	return nil
}

// ParseClock reads "HH:MM" (24-hour clock).
func ParseClock(s string) (hour, minute int, ok bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, false
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &hour, &minute); err != nil {
		return 0, 0, false
	}
	return hour, minute, hour >= 0 && hour < 24 && minute >= 0 && minute < 60 &&
		s == fmt.Sprintf("%02d:%02d", hour, minute)
}

// NextDigest is the first instant after now at which the clock in loc
// shows clock ("HH:MM"; DefaultDigestTime if invalid). On a day when that
// local time does not exist (clocks moved forward) it is the instant the
// local time is normalised to, so a digest is never skipped.
func NextDigest(now time.Time, loc *time.Location, clock string) time.Time {
	h, m, ok := ParseClock(clock)
	if !ok {
		h, m, _ = ParseClock(DefaultDigestTime)
	}
	if loc == nil {
		loc = time.UTC
	}
	local := now.In(loc)
	for day := 0; day < 3; day++ {
		d := local.AddDate(0, 0, day)
		at := time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc)
		if at.After(now) {
			return at
		}
	}
	return now.Add(24 * time.Hour) // unreachable: a day later the clock has shown every time
}
