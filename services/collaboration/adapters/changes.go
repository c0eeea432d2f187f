package adapters

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// errGone: the conversation (or its project) was deleted, so a comment
// being created in it is dropped unannounced.
var errGone = errors.New("conversation deleted")

// CreateComment implements app.Store: the comment document is written
// with its creation pending, then added to its conversation and announced.
func (s *Store) CreateComment(ctx context.Context, c domain.Comment, ev events.Event) error {
	p, err := pendingOf(ev, indexAdd)
	if err != nil {
		return err
	}
	if err := s.markDirty(ctx, c.ID); err != nil {
		return err
	}
	doc := commentDoc{Comment: c, Pending: []pending{p}}
	if err := statekv.SetJSON(ctx, s.kv, commentKey(c.ID), doc, statekv.SetOptions{Create: true}); err != nil {
		return err
	}
	err = s.finish(ctx, c.ID)
	switch {
	case errors.Is(err, errGone) && c.TaskID != "":
		return domain.ErrTaskNotFound
	case errors.Is(err, errGone):
		return domain.ErrProjectNotFound
	case err != nil && !errors.Is(err, errPublish):
		return err
	}
	return nil // a failed publication is retried by the sweeper
}

// UpdateComment implements app.Store.
func (s *Store) UpdateComment(ctx context.Context, id string, change func(c *domain.Comment) (*events.Event, error)) (domain.Comment, error) {
	if err := s.markDirty(ctx, id); err != nil {
		return domain.Comment{}, err
	}
	changed := false
	doc, err := statekv.Update(ctx, s.kv, commentKey(id), func(doc *commentDoc, exists bool) (time.Duration, error) {
		changed = false
		if !exists || doc.Deleted || hasPendingAdd(*doc) {
			return 0, domain.ErrCommentNotFound
		}
		ev, err := change(&doc.Comment)
		if err != nil {
			return 0, err
		}
		if ev == nil {
			return 0, statekv.ErrNoChange
		}
		p, err := pendingOf(*ev, "")
		if err != nil {
			return 0, err
		}
		doc.Pending, changed = append(doc.Pending, p), true
		return 0, nil
	})
	if err != nil {
		return domain.Comment{}, s.busy(err)
	}
	if changed {
		if err := s.finish(ctx, id); err != nil && !errors.Is(err, errPublish) {
			return domain.Comment{}, err
		}
	}
	return doc.Comment, nil
}

// DeleteComment implements app.Store: the comment is marked deleted with
// its removal from the conversation pending, which finish completes before
// removing the document.
func (s *Store) DeleteComment(ctx context.Context, id string, check func(c domain.Comment) (events.Event, error)) error {
	if err := s.markDirty(ctx, id); err != nil {
		return err
	}
	_, err := statekv.Update(ctx, s.kv, commentKey(id), func(doc *commentDoc, exists bool) (time.Duration, error) {
		if !exists || doc.Deleted || hasPendingAdd(*doc) {
			return 0, domain.ErrCommentNotFound
		}
		ev, err := check(doc.Comment)
		if err != nil {
			return 0, err
		}
		p, err := pendingOf(ev, indexRemove)
		if err != nil {
			return 0, err
		}
		doc.Deleted, doc.Pending = true, append(doc.Pending, p)
		return 0, nil
	})
	if err != nil {
		return s.busy(err)
	}
	if err := s.finish(ctx, id); err != nil && !errors.Is(err, errPublish) {
		return err
	}
	return nil
}

// busy turns a write that kept losing races into a retryable answer.
func (s *Store) busy(err error) error {
	if statekv.IsConflict(err) {
		return domain.ErrBusy
	}
	return err
}

func pendingOf(ev events.Event, index string) (pending, error) {
	raw, err := json.Marshal(ev)
	if err != nil {
		return pending{}, fmt.Errorf("encode %s: %w", ev.Type, err)
	}
	return pending{EventID: ev.ID, Event: raw, Index: index}, nil
}

// errPublish: the change is complete but its event is not published yet.
var errPublish = errors.New("publish pending event")

// finish completes a comment's pending changes in order: the index change
// each needs, then its event; then it clears them from the document (and
// removes the document of a deleted comment). It is idempotent, so the
// request and the sweeper may both run it. A creation whose conversation
// was deleted meanwhile is dropped with its document (errGone).
func (s *Store) finish(ctx context.Context, id string) error {
	var doc commentDoc
	etag, err := statekv.GetJSON(ctx, s.kv, commentKey(id), &doc)
	if err != nil || etag == "" {
		return err
	}
	done := map[string]bool{}
	for _, p := range doc.Pending {
		switch p.Index {
		case indexAdd:
			if err := s.addToThread(ctx, doc.Comment); errors.Is(err, errGone) {
				_ = s.kv.Delete(ctx, commentKey(id), "")
				return errGone
			} else if err != nil {
				return err
			}
		case indexRemove:
			if err := s.removeFromThread(ctx, doc.Comment); err != nil {
				return err
			}
		}
		if err := s.pub.Publish(ctx, contracts.PubSub, contracts.TopicComments, p.Event); err != nil {
			return fmt.Errorf("%w %s: %w", errPublish, p.EventID, err)
		}
		done[p.EventID] = true
	}
	return s.clearPending(ctx, id, done)
}

// clearPending removes the finished entries; a deleted comment's document
// goes once nothing is left to finish.
func (s *Store) clearPending(ctx context.Context, id string, done map[string]bool) error {
	for attempt := 0; attempt < 20; attempt++ {
		var doc commentDoc
		etag, err := statekv.GetJSON(ctx, s.kv, commentKey(id), &doc)
		if err != nil || etag == "" {
			return err
		}
		doc.Pending = slices.DeleteFunc(doc.Pending, func(p pending) bool { return done[p.EventID] })
		if doc.Deleted && len(doc.Pending) == 0 {
			err = s.kv.Delete(ctx, commentKey(id), etag)
		} else {
			err = statekv.SetJSON(ctx, s.kv, commentKey(id), doc, statekv.SetOptions{ETag: etag})
		}
		if !statekv.IsConflict(err) {
			return err
		}
	}
	return domain.ErrBusy
}
