package domain

import (
	"slices"
	"time"
)

// Inbox is the head of one user's in-app notifications: the sequence
// numbers handed out, which of them are unread, and the allocations whose
// notification may not be stored yet. Notifications themselves are kept
// one per sequence number. The head is changed only by compare-and-swap,
// so it is the one place that decides the order of a user's
// notifications and their read state, whatever store holds it.
type Inbox struct {
	Last   int64      `json:"last"`   // highest sequence number handed out; 0 for none
	Unread []SeqRange `json:"unread"` // ascending, disjoint, not adjacent
	// Pending maps an event id to the sequence number allocated for it,
	// until that event is known to be fully handled. A redelivered event
	// finds its number here and gets the same one: never two
	// notifications for one event.
	Pending map[string]Allocation `json:"pending,omitempty"`
}

// SeqRange is an inclusive range of sequence numbers.
type SeqRange struct {
	From int64 `json:"from"`
	To   int64 `json:"to"`
}

// Allocation is a sequence number handed out for an event.
type Allocation struct {
	Seq int64     `json:"seq"`
	At  time.Time `json:"at"`
}

// Limits of the head document, so that it stays small whatever happens.
const (
	// MaxUnreadRanges: beyond it the oldest unread ranges are dropped
	// (counted as read); it takes hundreds of notifications read one by
	// one out of order to get there.
	MaxUnreadRanges = 200
	// PendingTTL: an allocation not confirmed by then belongs to an event
	// that was abandoned (dead-lettered) or never redelivered.
	PendingTTL = 24 * time.Hour
)

// Allocate returns the sequence number of the notification for eventID:
// the one allocated before if the event was seen (isNew false), else the
// next one, which becomes unread. done lists events known to be fully
// handled, whose allocations can be forgotten.
func (in *Inbox) Allocate(eventID string, now time.Time, done []string) (seq int64, isNew bool) {
	in.forget(now, done)
	if a, ok := in.Pending[eventID]; ok {
		return a.Seq, false
	}
	in.Last++
	if in.Pending == nil {
		in.Pending = map[string]Allocation{}
	}
	in.Pending[eventID] = Allocation{Seq: in.Last, At: now}
	in.addUnread(in.Last)
	return in.Last, true
}

func (in *Inbox) forget(now time.Time, done []string) {
	for _, id := range done {
		delete(in.Pending, id)
	}
	for id, a := range in.Pending {
		if now.Sub(a.At) > PendingTTL {
			delete(in.Pending, id)
		}
	}
}

// PendingSince returns when seq was allocated if its notification may
// still be on its way.
func (in *Inbox) PendingSince(seq int64) (time.Time, bool) {
	for _, a := range in.Pending {
		if a.Seq == seq {
			return a.At, true
		}
	}
	return time.Time{}, false
}

func (in *Inbox) addUnread(seq int64) {
	if n := len(in.Unread); n > 0 && in.Unread[n-1].To == seq-1 {
		in.Unread[n-1].To = seq
	} else {
		in.Unread = append(in.Unread, SeqRange{From: seq, To: seq})
	}
	in.bound()
}

// bound drops the oldest unread ranges beyond MaxUnreadRanges.
func (in *Inbox) bound() {
	if len(in.Unread) > MaxUnreadRanges {
		in.Unread = slices.Delete(in.Unread, 0, len(in.Unread)-MaxUnreadRanges)
	}
}

// UnreadCount is the number of unread notifications.
func (in *Inbox) UnreadCount() int {
	n := int64(0)
	for _, r := range in.Unread {
		n += r.To - r.From + 1
	}
	return int(n)
}

// IsUnread reports whether seq is unread.
func (in *Inbox) IsUnread(seq int64) bool {
	_, found := slices.BinarySearchFunc(in.Unread, seq, func(r SeqRange, s int64) int {
		switch {
		case r.To < s:
			return -1
		case r.From > s:
			return 1
		}
		return 0
	})
	return found
}

// MarkRead marks seq read; it reports whether it was unread.
func (in *Inbox) MarkRead(seq int64) bool {
	for i, r := range in.Unread {
		if seq < r.From || seq > r.To {
			continue
		}
		switch {
		case r.From == r.To:
			in.Unread = slices.Delete(in.Unread, i, i+1)
		case seq == r.From:
			in.Unread[i].From++
		case seq == r.To:
			in.Unread[i].To--
		default:
			in.Unread = slices.Insert(in.Unread, i+1, SeqRange{From: seq + 1, To: r.To})
			in.Unread[i].To = seq - 1
			in.bound()
		}
		return true
	}
	return false
}

// MarkAllRead marks every notification up to and including upTo read (0:
// all of them), so that one that arrived after the user looked stays
// unread. It returns how many were unread.
func (in *Inbox) MarkAllRead(upTo int64) int {
	if upTo <= 0 || upTo > in.Last {
		upTo = in.Last
	}
	before := in.UnreadCount()
	kept := in.Unread[:0]
	for _, r := range in.Unread {
		switch {
		case r.To <= upTo:
			continue
		case r.From <= upTo:
			r.From = upTo + 1
		}
		kept = append(kept, r)
	}
	in.Unread = kept
	return before - in.UnreadCount()
}

// UnreadSeqs lists unread sequence numbers below before (0: no bound),
// newest first, at most limit of them.
func (in *Inbox) UnreadSeqs(before int64, limit int) []int64 {
	var out []int64
	for i := len(in.Unread) - 1; i >= 0 && len(out) < limit; i-- {
		r := in.Unread[i]
		for s := r.To; s >= r.From && len(out) < limit; s-- {
			if before <= 0 || s < before {
				out = append(out, s)
			}
		}
	}
	return out
}
