package adapters

import (
	"context"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// addToThread puts a comment id in its conversation's index (in id
// order: ids are time-ordered UUIDv7). A new conversation is first
// registered with its project, so that deleting the project finds it.
func (s *Store) addToThread(ctx context.Context, c domain.Comment) error {
	t := c.Thread()
	key := threadKey(t.Key())
	var cur threadDoc
	etag, err := statekv.GetJSON(ctx, s.kv, key, &cur)
	if err != nil {
		return err
	}
	if cur.Deleted {
		return errGone
	}
	if etag == "" {
		if err := s.register(ctx, t); err != nil {
			return err
		}
	}
	_, err = statekv.Update(ctx, s.kv, key, func(doc *threadDoc, exists bool) (time.Duration, error) {
		if doc.Deleted {
			return 0, errGone
		}
		if !exists {
			*doc = threadDoc{ProjectID: t.ProjectID, TaskID: t.TaskID, IDs: []string{}}
		}
		i, found := slices.BinarySearch(doc.IDs, c.ID)
		if found {
			return 0, statekv.ErrNoChange
		}
		doc.IDs = slices.Insert(doc.IDs, i, c.ID)
		return 0, nil
	})
	return err
}

func (s *Store) removeFromThread(ctx context.Context, c domain.Comment) error {
	_, err := statekv.Update(ctx, s.kv, threadKey(c.Thread().Key()), func(doc *threadDoc, exists bool) (time.Duration, error) {
		i, found := slices.BinarySearch(doc.IDs, c.ID)
		if !exists || !found {
			return 0, statekv.ErrNoChange
		}
		doc.IDs = slices.Delete(doc.IDs, i, i+1)
		if doc.Deleted {
			return tombstoneTTL, nil
		}
		return 0, nil
	})
	return err
}

// register adds a conversation to its project's list (errGone when the
// project was deleted).
func (s *Store) register(ctx context.Context, t domain.Thread) error {
	_, err := statekv.Update(ctx, s.kv, projectKey(t.ProjectID), func(doc *projectDoc, _ bool) (time.Duration, error) {
		switch {
		case doc.Deleted:
			return 0, errGone
		case slices.Contains(doc.Threads, t.Key()):
			return 0, statekv.ErrNoChange
		}
		doc.Threads = append(doc.Threads, t.Key())
		return 0, nil
	})
	return err
}

// DeleteThread implements app.Store: the conversation becomes a tombstone
// (so that a comment being created in it is dropped), its comments are
// removed with whatever changes of them were pending announced first, and
// it leaves its project's list. Running it again finishes what a crash
// left undone.
func (s *Store) DeleteThread(ctx context.Context, t domain.Thread) error {
	key := threadKey(t.Key())
	doc, err := statekv.Update(ctx, s.kv, key, func(doc *threadDoc, exists bool) (time.Duration, error) {
		if !exists {
			*doc = threadDoc{ProjectID: t.ProjectID, TaskID: t.TaskID, IDs: []string{}}
		}
		if doc.Deleted && exists {
			return 0, statekv.ErrNoChange
		}
		doc.Deleted = true
		return tombstoneTTL, nil
	})
	if err != nil {
		return err
	}
	for _, id := range doc.IDs {
		if err := s.purge(ctx, id); err != nil {
			return err
		}
	}
	if _, err := statekv.Update(ctx, s.kv, key, func(doc *threadDoc, _ bool) (time.Duration, error) {
		doc.IDs, doc.Deleted = []string{}, true
		return tombstoneTTL, nil
	}); err != nil {
		return err
	}
	if t.TaskID == "" {
		return nil
	}
	_, err = statekv.Update(ctx, s.kv, projectKey(t.ProjectID), func(doc *projectDoc, exists bool) (time.Duration, error) {
		i := slices.Index(doc.Threads, t.Key())
		if !exists || i < 0 {
			return 0, statekv.ErrNoChange
		}
		doc.Threads = slices.Delete(doc.Threads, i, i+1)
		if doc.Deleted {
			return tombstoneTTL, nil
		}
		return 0, nil
	})
	return err
}

// purge removes a comment of a deleted conversation, announcing first the
// changes of it that were still pending (a creation among them is dropped).
func (s *Store) purge(ctx context.Context, id string) error {
	if err := s.finish(ctx, id); err != nil && err != errGone {
		return err
	}
	return s.kv.Delete(ctx, commentKey(id), "")
}

// DeleteProject implements app.Store: the project becomes a tombstone (no
// conversation can be added to it), then each of its conversations is
// deleted, its discussion thread included.
func (s *Store) DeleteProject(ctx context.Context, projectID string) error {
	doc, err := statekv.Update(ctx, s.kv, projectKey(projectID), func(doc *projectDoc, exists bool) (time.Duration, error) {
		if doc.Deleted && exists {
			return 0, statekv.ErrNoChange
		}
		doc.Deleted = true
		return tombstoneTTL, nil
	})
	if err != nil {
		return err
	}
	threads := append([]string{domain.Thread{ProjectID: projectID}.Key()}, doc.Threads...)
	for _, key := range slices.Compact(threads) {
		t := domain.Thread{ProjectID: projectID}
		if taskID, ok := taskOf(key); ok {
			t.TaskID = taskID
		}
		if err := s.DeleteThread(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

func taskOf(threadKey string) (string, bool) {
	const prefix = "task:"
	if len(threadKey) > len(prefix) && threadKey[:len(prefix)] == prefix {
		return threadKey[len(prefix):], true
	}
	return "", false
}
