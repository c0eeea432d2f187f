package adapters

import (
	"context"
	"hash/fnv"
	"log/slog"
	"strconv"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/statekv"
)

// The outbox shards list the comments that may have unfinished changes,
// so that the sweeper can find them after a crash without a query API. A
// comment is listed before a change of it is written, and unlisted by the
// sweeper once nothing of it is pending and its entry is older than any
// request can last.

const (
	outboxShards = 16
	// relisting refreshes an entry older than this before a new change.
	relisting = time.Minute
	// unlistAfter is how old an entry must be before it is dropped: more
	// than relisting plus the longest a change may take.
	unlistAfter = 3 * time.Minute
	// sweepAfter leaves a change this young to the request making it.
	sweepAfter = 10 * time.Second
)

type shardDoc struct {
	Comments map[string]time.Time `json:"comments"`
}

func shardKey(commentID string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(commentID))
	return "outbox/" + strconv.Itoa(int(h.Sum32()%outboxShards))
}

// markDirty lists a comment before a change of it is written.
func (s *Store) markDirty(ctx context.Context, commentID string) error {
	now := s.now()
	_, err := statekv.Update(ctx, s.kv, shardKey(commentID), func(doc *shardDoc, _ bool) (time.Duration, error) {
		if at, ok := doc.Comments[commentID]; ok && now.Sub(at) < relisting {
			return 0, statekv.ErrNoChange
		}
		if doc.Comments == nil {
			doc.Comments = map[string]time.Time{}
		}
		doc.Comments[commentID] = now
		return 0, nil
	})
	return s.busy(err)
}

// Sweep finishes the pending changes of every listed comment and unlists
// the comments with nothing pending. It returns how many changes it could
// not finish (their publication failed, or the store did).
func (s *Store) Sweep(ctx context.Context, log *slog.Logger) int {
	failed := 0
	for n := range outboxShards {
		key := "outbox/" + strconv.Itoa(n)
		var doc shardDoc
		if _, err := statekv.GetJSON(ctx, s.kv, key, &doc); err != nil {
			log.WarnContext(ctx, "outbox sweep: read shard", "shard", key, "error", err)
			failed++
			continue
		}
		var settled []string
		for id, at := range doc.Comments {
			if s.now().Sub(at) < sweepAfter {
				continue
			}
			if err := s.finish(ctx, id); err != nil && err != errGone {
				log.WarnContext(ctx, "outbox sweep: finish comment changes", "comment_id", id, "error", err)
				failed++
				continue
			}
			if s.now().Sub(at) > unlistAfter {
				settled = append(settled, id)
			}
		}
		if len(settled) == 0 {
			continue
		}
		if _, err := statekv.Update(ctx, s.kv, key, func(doc *shardDoc, _ bool) (time.Duration, error) {
			removed := false
			for _, id := range settled {
				if at, ok := doc.Comments[id]; ok && s.now().Sub(at) > unlistAfter {
					delete(doc.Comments, id)
					removed = true
				}
			}
			if !removed {
				return 0, statekv.ErrNoChange
			}
			return 0, nil
		}); err != nil {
			log.WarnContext(ctx, "outbox sweep: unlist", "shard", key, "error", err)
		}
	}
	return failed
}

// RunSweeper sweeps at start and then every interval until ctx ends.
func (s *Store) RunSweeper(log *slog.Logger, interval time.Duration) func(context.Context) error {
	return func(ctx context.Context) error {
		for {
			s.Sweep(ctx, log)
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(interval):
			}
		}
	}
}
