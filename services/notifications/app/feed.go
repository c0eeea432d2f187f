package app

import (
	"context"
	"time"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// Feed is what the live stream receives: the notifications after a
// cursor, oldest first, and the unread count.
type Feed struct {
	Items       []Item
	Cursor      int64 // pass as after to continue
	UnreadCount int
}

// Limits of the feed.
const (
	MaxFeedItems = 50
	MaxFeedWait  = 25 * time.Second // below the sidecars' 30 s call timeout
	// inFlight is how long a sequence number without its notification
	// holds the feed back: another replica may still be writing it.
	inFlight = 10 * time.Second
)

// FeedRequest asks for what follows After (-1: nothing yet; the answer
// only sets the cursor to the newest notification). KnownUnread (-1: not
// known) is the unread count the caller shows: a different one answers at
// once, so a badge follows reads made elsewhere.
type FeedRequest struct {
	After       int64
	KnownUnread int
	Wait        time.Duration
}

// Feed answers as soon as there is something after the cursor, the unread
// count differs from the one known, or Wait has passed (then with nothing
// new). It is a long poll: the gateway turns a sequence of them into a
// Server-Sent Events stream.
func (a *App) Feed(ctx context.Context, userID string, req FeedRequest) (Feed, error) {
	wait := min(max(req.Wait, 0), MaxFeedWait)
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	recheck := time.NewTicker(a.Config.FeedRecheck)
	defer recheck.Stop()
	for {
		woken, stop := a.hub.wait(userID)
		f, ready, err := a.feedOnce(ctx, userID, req)
		if err != nil || ready || wait == 0 {
			stop()
			return f, err
		}
		select {
		case <-woken:
		case <-recheck.C:
		case <-deadline.C:
			stop()
			return f, nil
		case <-ctx.Done():
			stop()
			return f, ctx.Err()
		}
		stop()
	}
}

// feedOnce reads the inbox once; ready reports an answer worth returning.
func (a *App) feedOnce(ctx context.Context, userID string, req FeedRequest) (Feed, bool, error) {
	in, _, err := Lookup[domain.Inbox](ctx, a.Docs, keyInbox(userID))
	if err != nil {
		return Feed{}, false, err
	}
	f := Feed{Items: []Item{}, Cursor: req.After, UnreadCount: in.UnreadCount()}
	if req.After < 0 || req.After > in.Last {
		f.Cursor = in.Last
		return f, true, nil
	}
	countChanged := req.KnownUnread >= 0 && req.KnownUnread != f.UnreadCount
	if in.Last == req.After {
		return f, countChanged, nil
	}
	hi := min(in.Last, req.After+MaxFeedItems)
	seqs := make([]int64, 0, hi-req.After)
	for s := hi; s > req.After; s-- {
		seqs = append(seqs, s)
	}
	items, err := a.items(ctx, userID, &in, seqs)
	if err != nil {
		return Feed{}, false, err
	}
	byseq := make(map[int64]Item, len(items))
	for _, it := range items {
		byseq[it.Seq] = it
	}
	// Oldest first, and never past a number whose notification is still
	// being written: the next answer starts there, so nothing is skipped.
	now := a.now()
	for s := req.After + 1; s <= hi; s++ {
		it, ok := byseq[s]
		if !ok {
			if at, pending := in.PendingSince(s); pending && now.Sub(at) < inFlight {
				break
			}
			f.Cursor = s // lost for good (expired, or its event was abandoned)
			continue
		}
		f.Items = append(f.Items, it)
		f.Cursor = s
	}
	return f, len(f.Items) > 0 || f.Cursor != req.After || countChanged, nil
}
