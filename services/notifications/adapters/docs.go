// Package adapters implements the notifications service's interfaces over
// the Dapr sidecar: the state store (app.Docs), the projects view built
// from events (app.Projects), the users service (app.Users), the email and
// push bindings, the jobs API (the digest schedule) and the e-mail
// templates.
package adapters

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	dapr "github.com/dapr/go-sdk/client"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/taskrocket/taskrocket/services/notifications/app"
)

// ClientSource returns the process's Dapr client (daprx.Sidecar.Client).
type ClientSource interface {
	Client(ctx context.Context) (dapr.Client, error)
}

// Docs is app.Docs on a Dapr state store. Every conditional write uses
// first-write concurrency, which makes every store (Redis included) check
// the ETag, or the key's absence when there is no ETag.
type Docs struct {
	Sidecar ClientSource
	Store   string
}

var _ app.Docs = (*Docs)(nil)

// Get implements app.Docs.
func (d *Docs) Get(ctx context.Context, key string, dst any) (string, error) {
	c, err := d.Sidecar.Client(ctx)
	if err != nil {
		return "", err
	}
	item, err := c.GetState(ctx, d.Store, key, nil)
	if err != nil {
		return "", fmt.Errorf("state get %s: %w", key, err)
	}
	if item == nil || len(item.Value) == 0 {
		return "", app.ErrNotFound
	}
	if err := json.Unmarshal(item.Value, dst); err != nil {
		return "", fmt.Errorf("state %s: %w", key, err)
	}
	return item.Etag, nil
}

// GetMany implements app.Docs.
func (d *Docs) GetMany(ctx context.Context, keys []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	c, err := d.Sidecar.Client(ctx)
	if err != nil {
		return nil, err
	}
	items, err := c.GetBulkState(ctx, d.Store, keys, nil, 16)
	if err != nil {
		return nil, fmt.Errorf("state bulk get: %w", err)
	}
	for _, it := range items {
		if it.Error != "" {
			return nil, fmt.Errorf("state get %s: %s", it.Key, it.Error)
		}
		if len(it.Value) > 0 {
			out[it.Key] = it.Value
		}
	}
	return out, nil
}

// Put implements app.Docs.
func (d *Docs) Put(ctx context.Context, key string, v any, w app.Write) error {
	c, err := d.Sidecar.Client(ctx)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("state %s: %w", key, err)
	}
	meta := map[string]string{}
	if w.TTL > 0 {
		meta["ttlInSeconds"] = strconv.FormatInt(int64(w.TTL.Seconds()), 10)
	}
	conditional := w.ETag != "" || w.Create
	var opts []dapr.StateOption
	if conditional {
		opts = append(opts, dapr.WithConcurrency(dapr.StateConcurrencyFirstWrite))
	}
	err = c.SaveStateWithETag(ctx, d.Store, key, raw, w.ETag, meta, opts...)
	switch {
	case err == nil:
		return nil
	case status.Code(err) == codes.Aborted:
		return app.ErrConflict
	case w.Create && w.ETag == "":
		// Stores answer a failed first write differently (Postgres "no
		// item was updated", Redis "failed to set key"): it is a conflict
		// if the key is there now.
		if item, gerr := c.GetState(ctx, d.Store, key, nil); gerr == nil && item != nil && len(item.Value) > 0 {
			return app.ErrConflict
		}
	}
	return fmt.Errorf("state save %s: %w", key, err)
}

// Delete implements app.Docs.
func (d *Docs) Delete(ctx context.Context, keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	c, err := d.Sidecar.Client(ctx)
	if err != nil {
		return err
	}
	if err := c.DeleteBulkState(ctx, d.Store, keys, nil); err != nil {
		return fmt.Errorf("state delete: %w", err)
	}
	return nil
}
