package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// Item is a notification in the inbox with its read state.
type Item struct {
	domain.Notification
	Read bool
}

// Page is one page of the inbox, newest first. Next is the sequence number
// to list before for the next page (0: this is the last page).
type Page struct {
	Items       []Item
	Next        int64
	UnreadCount int
}

// MaxPage bounds a page of the inbox.
const MaxPage = 100

// List returns the caller's notifications older than before (0: the
// newest), newest first; only the unread ones if unreadOnly. A
// notification past the retention period is gone from the list.
func (a *App) List(ctx context.Context, userID string, before int64, limit int, unreadOnly bool) (Page, error) {
	in, _, err := Lookup[domain.Inbox](ctx, a.Docs, keyInbox(userID))
	if err != nil {
		return Page{}, err
	}
	page := Page{Items: []Item{}, UnreadCount: in.UnreadCount()}
	if before <= 0 || before > in.Last+1 {
		before = in.Last + 1
	}
	if unreadOnly {
		seqs := in.UnreadSeqs(before, limit+1)
		items, err := a.items(ctx, userID, &in, seqs)
		if err != nil {
			return Page{}, err
		}
		if len(seqs) > limit {
			page.Next = seqs[limit-1]
			items = trimAfter(items, page.Next)
		}
		page.Items = items
		return page, nil
	}
	// Walk down from before in windows; a window with nothing in it is
	// past the retention period (older notifications expire first).
	for hi := before - 1; hi > 0 && len(page.Items) <= limit; {
		lo := max(1, hi-int64(limit))
		seqs := make([]int64, 0, hi-lo+1)
		for s := hi; s >= lo; s-- {
			seqs = append(seqs, s)
		}
		items, err := a.items(ctx, userID, &in, seqs)
		if err != nil {
			return Page{}, err
		}
		if len(items) == 0 {
			break
		}
		page.Items = append(page.Items, items...)
		hi = lo - 1
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		page.Next = page.Items[limit-1].Seq
	}
	return page, nil
}

func trimAfter(items []Item, last int64) []Item {
	for i, it := range items {
		if it.Seq < last {
			return items[:i]
		}
	}
	return items
}

// items reads the notifications of seqs (newest first, as given) that
// still exist.
func (a *App) items(ctx context.Context, userID string, in *domain.Inbox, seqs []int64) ([]Item, error) {
	if len(seqs) == 0 {
		return nil, nil
	}
	keys := make([]string, len(seqs))
	for i, s := range seqs {
		keys[i] = keyNote(userID, s)
	}
	raw, err := a.Docs.GetMany(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, len(seqs))
	for i, s := range seqs {
		b, ok := raw[keys[i]]
		if !ok {
			continue
		}
		var n domain.Notification
		if err := json.Unmarshal(b, &n); err != nil {
			return nil, fmt.Errorf("%s: %w", keys[i], err)
		}
		n.Seq = s
		out = append(out, Item{Notification: n, Read: !in.IsUnread(s)})
	}
	return out, nil
}

// UnreadCount returns how many of the caller's notifications are unread.
func (a *App) UnreadCount(ctx context.Context, userID string) (int, error) {
	in, _, err := Lookup[domain.Inbox](ctx, a.Docs, keyInbox(userID))
	return in.UnreadCount(), err
}

// MarkRead marks one of the caller's notifications read (again: no
// change) and returns the unread count after it.
func (a *App) MarkRead(ctx context.Context, userID string, seq int64) (int, error) {
	if seq <= 0 {
		return 0, domain.ErrNotificationNotFound
	}
	if _, found, err := Lookup[domain.Notification](ctx, a.Docs, keyNote(userID, seq)); err != nil {
		return 0, err
	} else if !found {
		return 0, domain.ErrNotificationNotFound
	}
	in, err := Update(ctx, a.Docs, keyInbox(userID), Write{}, func(in *domain.Inbox, _ bool) (bool, error) {
		return in.MarkRead(seq), nil
	})
	if err != nil {
		return 0, err
	}
	a.hub.notify(userID)
	return in.UnreadCount(), nil
}

// MarkAllRead marks the caller's notifications up to upTo (0: all) read
// and returns the unread count after it: one that arrived after the
// caller looked stays unread.
func (a *App) MarkAllRead(ctx context.Context, userID string, upTo int64) (int, error) {
	in, err := Update(ctx, a.Docs, keyInbox(userID), Write{}, func(in *domain.Inbox, exists bool) (bool, error) {
		return exists && in.MarkAllRead(upTo) > 0, nil
	})
	if err != nil {
		return 0, err
	}
	a.hub.notify(userID)
	return in.UnreadCount(), nil
}
