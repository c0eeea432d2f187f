package adapters

import (
	"context"
	"fmt"
	"time"

	dapr "github.com/dapr/go-sdk/client"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/taskrocket/taskrocket/services/auth/app"
)

// ClientFunc returns the process's Dapr client (daprx.Sidecar.Client).
type ClientFunc func(ctx context.Context) (dapr.Client, error)

// NewDaprStore returns a Store over the Dapr state store named storeName.
// The component must support ETags, transactions and TTLs (Redis,
// PostgreSQL v2 and MongoDB do).
func NewDaprStore(client ClientFunc, storeName string) *Store {
	return newStore(&daprKV{client: client, store: storeName}, time.Now)
}

type daprKV struct {
	client ClientFunc
	store  string
}

func (d *daprKV) get(ctx context.Context, key string) (entry, error) {
	c, err := d.client(ctx)
	if err != nil {
		return entry{}, err
	}
	item, err := c.GetStateWithConsistency(ctx, d.store, key, nil, dapr.StateConsistencyStrong)
	if err != nil {
		return entry{}, fmt.Errorf("get %s: %w", key, err)
	}
	if item == nil || len(item.Value) == 0 {
		return entry{}, app.ErrNotFound
	}
	return entry{key: key, value: item.Value, etag: item.Etag}, nil
}

func (d *daprKV) getBulk(ctx context.Context, keys []string) ([]entry, error) {
	c, err := d.client(ctx)
	if err != nil {
		return nil, err
	}
	items, err := c.GetBulkState(ctx, d.store, keys, nil, 8)
	if err != nil {
		return nil, fmt.Errorf("bulk get: %w", err)
	}
	out := make([]entry, 0, len(items))
	for _, it := range items {
		if it.Error != "" {
			return nil, fmt.Errorf("bulk get %s: %s", it.Key, it.Error)
		}
		if len(it.Value) > 0 {
			out = append(out, entry{key: it.Key, value: it.Value, etag: it.Etag})
		}
	}
	return out, nil
}

// put maps the write condition onto Dapr's concurrency modes: an ETag or a
// create-only write needs first-write concurrency (under last-write the
// Redis store ignores ETags).
func (d *daprKV) put(ctx context.Context, key string, value []byte, w write) error {
	c, err := d.client(ctx)
	if err != nil {
		return err
	}
	concurrency := dapr.StateConcurrencyLastWrite
	if w.create || w.etag != "" {
		concurrency = dapr.StateConcurrencyFirstWrite
	}
	err = c.SaveStateWithETag(ctx, d.store, key, value, w.etag, ttlMeta(w.ttl),
		dapr.WithConcurrency(concurrency), dapr.WithConsistency(dapr.StateConsistencyStrong))
	switch {
	case err == nil:
		return nil
	case status.Code(err) == codes.Aborted: // ETag mismatch
		return fmt.Errorf("save %s: %w", key, app.ErrConflict)
	case w.create:
		// A refused create-only write is not reported as an ETag error;
		// tell a lost race from a failure by looking.
		if _, gerr := d.get(ctx, key); gerr == nil {
			return fmt.Errorf("create %s: %w", key, app.ErrConflict)
		}
	}
	return fmt.Errorf("save %s: %w", key, err)
}

func (d *daprKV) transact(ctx context.Context, ops []op) error {
	c, err := d.client(ctx)
	if err != nil {
		return err
	}
	items := make([]*dapr.StateOperation, 0, len(ops))
	for _, o := range ops {
		items = append(items, &dapr.StateOperation{
			Type: dapr.StateOperationTypeUpsert,
			Item: &dapr.SetStateItem{Key: o.key, Value: o.value, Metadata: ttlMeta(o.ttl),
				Options: &dapr.StateOptions{Concurrency: dapr.StateConcurrencyLastWrite, Consistency: dapr.StateConsistencyStrong}},
		})
	}
	if err := c.ExecuteStateTransaction(ctx, d.store, nil, items); err != nil {
		return fmt.Errorf("state transaction: %w", err)
	}
	return nil
}

func (d *daprKV) delete(ctx context.Context, key string) error {
	c, err := d.client(ctx)
	if err != nil {
		return err
	}
	if err := c.DeleteState(ctx, d.store, key, nil); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	return nil
}

func ttlMeta(ttl time.Duration) map[string]string {
	return map[string]string{"ttlInSeconds": ttlSeconds(ttl)}
}
