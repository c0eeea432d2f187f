package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/taskrocket/taskrocket/services/search/domain"
)

const seqKey = "meta/seq"

// nextSeq numbers a change of the catalog.
func nextSeq(tx Tx) (uint64, error) {
	var n uint64
	if _, err := tx.Get(seqKey, &n); err != nil {
		return 0, err
	}
	n++
	return n, tx.Put(seqKey, n)
}

// renderBatch bounds the documents written to the index at once.
const renderBatch = 500

// Recover brings the index up to the catalog when it is behind (the
// embedded index acknowledges a change before it is on disk; a crash can
// lose the last ones): every held task and project is rendered again.
// It returns how many documents were written (0 when the index was
// current).
func (a *App) Recover(ctx context.Context) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var seq uint64
	if err := a.live.Catalog.View(ctx, func(tx Tx) error { _, err := tx.Get(seqKey, &seq); return err }); err != nil {
		return 0, err
	}
	held, err := a.live.Index.Seq(ctx)
	if err != nil {
		return 0, err
	}
	if held >= seq {
		return 0, nil
	}
	return renderAll(ctx, a.live, seq)
}

// renderAll writes the document of every held task and project.
func renderAll(ctx context.Context, s Store, seq uint64) (int, error) {
	var ids []string
	err := s.Catalog.View(ctx, func(tx Tx) error {
		return tx.Scan("ptask/", func(key string, _ []byte) error {
			ids = append(ids, key[strings.LastIndexByte(key, '/')+1:])
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	written := 0
	flush := func(docs []domain.Doc) error {
		written += len(docs)
		return s.Index.Apply(ctx, Batch{Docs: docs, Seq: seq})
	}
	var docs []domain.Doc
	err = s.Catalog.View(ctx, func(tx Tx) error {
		err := tx.Scan("project/", func(_ string, raw []byte) error {
			var p domain.Project
			if err := json.Unmarshal(raw, &p); err != nil {
				return err
			}
			if !p.Deleted {
				docs = append(docs, domain.RenderProject(p))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, id := range ids {
			d, ok, err := renderTask(tx, id)
			if err != nil {
				return err
			}
			if ok {
				docs = append(docs, d)
			}
			if len(docs) >= renderBatch {
				if err := flush(docs); err != nil {
					return err
				}
				docs = docs[:0]
			}
		}
		return nil
	})
	if err == nil {
		err = flush(docs)
	}
	if err != nil {
		return written, fmt.Errorf("%w: %w", domain.ErrIndexUnavailable, err)
	}
	return written, nil
}
