package adapters

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/users/app"
)

// LoginAttempts throttles password checks in Postgres (app.LoginAttempts):
// at most MaxFailures per account and per client address within Window.
type LoginAttempts struct {
	db          *gorm.DB
	window      time.Duration
	maxFailures int
}

// NewLoginAttempts returns the throttle.
func NewLoginAttempts(db *gorm.DB, window time.Duration, maxFailures int) *LoginAttempts {
	return &LoginAttempts{db: db, window: window, maxFailures: max(maxFailures, 1)}
}

var _ app.LoginAttempts = (*LoginAttempts)(nil)

// Admit implements app.LoginAttempts. The check and the insert run under
// transaction-scoped advisory locks on the account and the address, so
// parallel guesses are counted one after the other and no more than
// MaxFailures passwords are ever checked per window. The locks are taken
// in a fixed order so that two attempts sharing one key cannot deadlock.
func (l *LoginAttempts) Admit(ctx context.Context, account, clientIP string, now time.Time) (time.Duration, error) {
	var wait time.Duration
	err := l.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		keys := []int64{lockKey("account", account), lockKey("ip", clientIP)}
		slices.Sort(keys)
		for _, k := range keys {
			if err := tx.Exec(`SELECT pg_advisory_xact_lock(?)`, k).Error; err != nil {
				return fmt.Errorf("lock: %w", err)
			}
		}
		since := now.Add(-l.window)
		for _, col := range []string{"account_key", "client_ip"} {
			value := account
			if col == "client_ip" {
				value = clientIP
			}
			// The maxFailures-th most recent failure in the window: while
			// it exists the limit is reached, and the window frees up when
			// it leaves it.
			var oldest time.Time
			err := tx.Raw(`SELECT attempted_at FROM login_attempts WHERE `+col+` = ? AND attempted_at > ?
				ORDER BY attempted_at DESC OFFSET ? LIMIT 1`, value, since, l.maxFailures-1).Row().Scan(&oldest)
			switch {
			case errors.Is(err, sql.ErrNoRows):
			case err != nil:
				return fmt.Errorf("count failures: %w", err)
			default:
				wait = max(wait, oldest.Add(l.window).Sub(now))
			}
		}
		if wait > 0 {
			return nil
		}
		return tx.Exec(`INSERT INTO login_attempts (account_key, client_ip, attempted_at) VALUES (?, ?, ?)`,
			account, clientIP, now).Error
	})
	if err != nil {
		return 0, fmt.Errorf("login attempts: %w", err)
	}
	return wait, nil
}

// Clear implements app.LoginAttempts.
func (l *LoginAttempts) Clear(ctx context.Context, account string) error {
	if err := l.db.WithContext(ctx).Exec(`DELETE FROM login_attempts WHERE account_key = ?`, account).Error; err != nil {
		return fmt.Errorf("clear login attempts: %w", err)
	}
	return nil
}

// Prune deletes attempts that left the window; they count for nothing
// and hold client addresses.
func (l *LoginAttempts) Prune(ctx context.Context, now time.Time) (int64, error) {
	res := l.db.WithContext(ctx).Exec(`DELETE FROM login_attempts WHERE attempted_at <= ?`, now.Add(-l.window))
	if res.Error != nil {
		return 0, fmt.Errorf("prune login attempts: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// RunPruner prunes every interval until ctx ends (a Runtime worker).
func (l *LoginAttempts) RunPruner(log *slog.Logger, interval time.Duration) func(context.Context) error {
	return func(ctx context.Context) error {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-t.C:
			}
			if n, err := l.Prune(ctx, time.Now()); err != nil && !errors.Is(err, context.Canceled) {
				log.WarnContext(ctx, "pruning login attempts failed", "error", err)
			} else if n > 0 {
				log.DebugContext(ctx, "pruned login attempts", "rows", n)
			}
		}
	}
}

func lockKey(kind, value string) int64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte("users.login_attempts\x00" + kind + "\x00" + value))
	return int64(h.Sum64())
}
