package statekv

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	dapr "github.com/dapr/go-sdk/client"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ClientSource yields the process's go-sdk client (daprx.Sidecar).
type ClientSource interface {
	Client(ctx context.Context) (dapr.Client, error)
}

// Dapr is a Store backed by the state store component Name.
type Dapr struct {
	Sidecar ClientSource
	Name    string
}

var _ Store = Dapr{}

func (d Dapr) client(ctx context.Context) (dapr.Client, error) {
	return d.Sidecar.Client(ctx)
}

// Get implements Store with strong consistency, so that a read after a
// write sees it.
func (d Dapr) Get(ctx context.Context, key string) (Item, error) {
	c, err := d.client(ctx)
	if err != nil {
		return Item{}, err
	}
	it, err := c.GetStateWithConsistency(ctx, d.Name, key, nil, dapr.StateConsistencyStrong)
	if err != nil {
		return Item{}, fmt.Errorf("get state %s/%s: %w", d.Name, key, err)
	}
	return Item{Key: key, Value: it.Value, ETag: it.Etag}, nil
}

// GetBulk implements Store.
func (d Dapr) GetBulk(ctx context.Context, keys []string) ([]Item, error) {
	out := make([]Item, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	c, err := d.client(ctx)
	if err != nil {
		return nil, err
	}
	items, err := c.GetBulkState(ctx, d.Name, keys, nil, 8)
	if err != nil {
		return nil, fmt.Errorf("bulk get state %s: %w", d.Name, err)
	}
	byKey := make(map[string]Item, len(items))
	for _, it := range items {
		if it.Error != "" {
			return nil, fmt.Errorf("bulk get state %s/%s: %s", d.Name, it.Key, it.Error)
		}
		byKey[it.Key] = Item{Key: it.Key, Value: it.Value, ETag: it.Etag}
	}
	for i, k := range keys {
		out[i] = byKey[k]
		out[i].Key = k
	}
	return out, nil
}

// Set implements Store. Stores report a creation over an existing key in
// different ways (Postgres "no item was updated", a Redis script error),
// so a failed creation is told apart by reading the key.
func (d Dapr) Set(ctx context.Context, key string, value []byte, opts SetOptions) error {
	c, err := d.client(ctx)
	if err != nil {
		return err
	}
	meta := map[string]string{"contentType": "application/json"}
	if opts.TTL > 0 {
		meta["ttlInSeconds"] = strconv.Itoa(max(1, int(opts.TTL.Seconds())))
	}
	concurrency := dapr.StateConcurrencyLastWrite
	if opts.ETag != "" || opts.Create {
		concurrency = dapr.StateConcurrencyFirstWrite
	}
	err = c.SaveStateWithETag(ctx, d.Name, key, value, opts.ETag, meta,
		dapr.WithConcurrency(concurrency), dapr.WithConsistency(dapr.StateConsistencyStrong))
	switch {
	case err == nil:
		return nil
	case status.Code(err) == codes.Aborted:
		return fmt.Errorf("set state %s/%s: %w", d.Name, key, ErrConflict)
	case opts.Create && opts.ETag == "":
		if it, gerr := d.Get(ctx, key); gerr == nil && it.Exists() {
			return fmt.Errorf("create state %s/%s: %w", d.Name, key, ErrConflict)
		}
	}
	return fmt.Errorf("set state %s/%s: %w", d.Name, key, err)
}

// Delete implements Store.
func (d Dapr) Delete(ctx context.Context, key, etag string) error {
	c, err := d.client(ctx)
	if err != nil {
		return err
	}
	var tag *dapr.ETag
	opts := &dapr.StateOptions{Concurrency: dapr.StateConcurrencyLastWrite, Consistency: dapr.StateConsistencyStrong}
	if etag != "" {
		tag = &dapr.ETag{Value: etag}
		opts.Concurrency = dapr.StateConcurrencyFirstWrite
	}
	err = c.DeleteStateWithETag(ctx, d.Name, key, tag, nil, opts)
	if status.Code(err) == codes.Aborted {
		return fmt.Errorf("delete state %s/%s: %w", d.Name, key, ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("delete state %s/%s: %w", d.Name, key, err)
	}
	return nil
}

// IsConflict reports whether err is a lost race (ErrConflict).
func IsConflict(err error) bool { return errors.Is(err, ErrConflict) }
