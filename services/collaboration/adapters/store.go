// Package adapters implements the collaboration service's ports: comments
// in a Dapr state store (statekv), and the projects, tasks and users
// services over Dapr service invocation.
//
// Storage layout (one JSON document per key; no query API, no multi-key
// transactions, so that any Dapr state store will do, Redis included):
//
//	comment/<id>          a comment, with the changes of it still to finish
//	thread/task:<id>      a conversation: its project, and its comment ids
//	thread/project:<id>   (oldest first); a tombstone once deleted
//	project/<id>          the project's conversations, for its deletion
//	user/<id>             an author's name, or that the account is gone
//	outbox/<n>            comments that may have unfinished changes
//
// Every change is made on one document with its ETag: the comment's.
// The document records the event that announces the change and, for a new
// or deleted comment, the change its conversation's index still needs. The
// request then finishes the work (index, publish, clear) and a sweeper
// finishes whatever a crash interrupted, found through the outbox shards.
package adapters

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/statekv"

	"github.com/taskrocket/taskrocket/services/collaboration/app"
	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// tombstoneTTL keeps a deleted conversation's or project's tombstone long
// enough for any request that started before the deletion to meet it.
const tombstoneTTL = 7 * 24 * time.Hour

// Store implements app.Store.
type Store struct {
	kv    statekv.Store
	pub   Publisher
	now   func() time.Time
	names *nameCache
}

// Publisher sends a CloudEvent's bytes to a topic (daprx.Sidecar).
type Publisher interface {
	Publish(ctx context.Context, pubsub, topic string, cloudEvent []byte) error
}

// NewStore returns the store over kv, publishing through pub.
func NewStore(kv statekv.Store, pub Publisher, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{kv: kv, pub: pub, now: now, names: newNameCache(now)}
}

var _ app.Store = (*Store)(nil)

// commentDoc is a comment as stored.
type commentDoc struct {
	domain.Comment
	// Deleted marks a comment being removed: hidden from readers until
	// its document is gone.
	Deleted bool      `json:"deleted,omitempty"`
	Pending []pending `json:"pending,omitempty"`
}

// pending is a change of a comment not yet finished: the event to publish
// and the index change to make first ("add" or "remove").
type pending struct {
	EventID string          `json:"eventId"`
	Event   json.RawMessage `json:"event"`
	Index   string          `json:"index,omitempty"`
}

const (
	indexAdd    = "add"
	indexRemove = "remove"
)

type threadDoc struct {
	ProjectID string   `json:"projectId"`
	TaskID    string   `json:"taskId,omitempty"`
	IDs       []string `json:"ids"`
	Deleted   bool     `json:"deleted,omitempty"`
}

type projectDoc struct {
	Threads []string `json:"threads"`
	Deleted bool     `json:"deleted,omitempty"`
}

func commentKey(id string) string     { return "comment/" + id }
func threadKey(key string) string     { return "thread/" + key }
func projectKey(id string) string     { return "project/" + id }
func userKey(id string) string        { return "user/" + id }
func taskThread(taskID string) string { return threadKey(domain.Thread{TaskID: taskID}.Key()) }

func (t threadDoc) state(exists bool) app.ThreadState {
	return app.ThreadState{Exists: exists, Deleted: t.Deleted, ProjectID: t.ProjectID, TaskID: t.TaskID, IDs: t.IDs}
}

// Thread implements app.Store.
func (s *Store) Thread(ctx context.Context, t domain.Thread) (app.ThreadState, error) {
	var doc threadDoc
	etag, err := statekv.GetJSON(ctx, s.kv, threadKey(t.Key()), &doc)
	if err != nil {
		return app.ThreadState{}, err
	}
	return doc.state(etag != ""), nil
}

// TaskThreads implements app.Store.
func (s *Store) TaskThreads(ctx context.Context, taskIDs []string) ([]app.ThreadState, error) {
	keys := make([]string, len(taskIDs))
	for i, id := range taskIDs {
		keys[i] = taskThread(id)
	}
	items, err := s.kv.GetBulk(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]app.ThreadState, len(items))
	for i, it := range items {
		if !it.Exists() {
			continue
		}
		var doc threadDoc
		if err := json.Unmarshal(it.Value, &doc); err != nil {
			return nil, fmt.Errorf("state %s: %w", it.Key, err)
		}
		out[i] = doc.state(true)
	}
	return out, nil
}

// Comment implements app.Store.
func (s *Store) Comment(ctx context.Context, id string) (domain.Comment, error) {
	var doc commentDoc
	etag, err := statekv.GetJSON(ctx, s.kv, commentKey(id), &doc)
	if err != nil {
		return domain.Comment{}, err
	}
	if etag == "" || doc.Deleted || hasPendingAdd(doc) {
		return domain.Comment{}, domain.ErrCommentNotFound
	}
	return doc.Comment, nil
}

// Comments implements app.Store.
func (s *Store) Comments(ctx context.Context, ids []string) ([]domain.Comment, error) {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = commentKey(id)
	}
	items, err := s.kv.GetBulk(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Comment, 0, len(items))
	for _, it := range items {
		if !it.Exists() {
			continue
		}
		var doc commentDoc
		if err := json.Unmarshal(it.Value, &doc); err != nil {
			return nil, fmt.Errorf("state %s: %w", it.Key, err)
		}
		if !doc.Deleted {
			out = append(out, doc.Comment)
		}
	}
	return out, nil
}

// hasPendingAdd reports a comment whose creation is not finished: it is
// not shown until it is in its conversation.
func hasPendingAdd(doc commentDoc) bool {
	for _, p := range doc.Pending {
		if p.Index == indexAdd {
			return true
		}
	}
	return false
}

// UserNames implements app.Store: names this instance read in the last
// minute from memory, the others from the state store.
func (s *Store) UserNames(ctx context.Context, ids []string) (map[string]app.UserName, error) {
	out, missing, gen := s.names.get(ids)
	if len(missing) == 0 {
		return out, nil
	}
	keys := make([]string, len(missing))
	for i, id := range missing {
		keys[i] = userKey(id)
	}
	items, err := s.kv.GetBulk(ctx, keys)
	if err != nil {
		return nil, err
	}
	for i, it := range items {
		if !it.Exists() {
			continue
		}
		var n app.UserName
		if err := json.Unmarshal(it.Value, &n); err != nil {
			return nil, fmt.Errorf("state %s: %w", it.Key, err)
		}
		out[missing[i]] = n
		s.names.put(missing[i], n, gen)
	}
	return out, nil
}

// PutUserName implements app.Store. A deleted account stays deleted.
func (s *Store) PutUserName(ctx context.Context, id string, name app.UserName, keep bool) error {
	s.names.forget(id)
	defer s.names.forget(id) // read again, as stored, on its next use
	_, err := statekv.Update(ctx, s.kv, userKey(id), func(cur *app.UserName, exists bool) (time.Duration, error) {
		if exists && (keep || cur.Deleted || *cur == name) {
			return 0, statekv.ErrNoChange
		}
		*cur = name
		return 0, nil
	})
	return err
}
