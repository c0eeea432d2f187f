package adapters

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/users/app"
	"github.com/taskrocket/taskrocket/services/users/domain"
)

// LoginAttempts throttles password checks in Postgres (app.LoginAttempts)
// by the rule of domain.LoginThrottle: growing delays per account, a loose
// limit per client address, and addresses an account signed in from
// before exempt from that limit.
type LoginAttempts struct {
	db   *gorm.DB
	rule domain.LoginThrottle
}

// NewLoginAttempts returns the throttle.
func NewLoginAttempts(db *gorm.DB, rule domain.LoginThrottle) *LoginAttempts {
	return &LoginAttempts{db: db, rule: rule.Normalized()}
}

var _ app.LoginAttempts = (*LoginAttempts)(nil)

// Admit implements app.LoginAttempts. The checks and the insert run under
// transaction-scoped advisory locks on the account and the address, so
// parallel guesses are counted one after the other: each sees the
// failures reserved before it. The locks are taken in a fixed order so
// that two attempts sharing one key cannot deadlock.
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
		var acct struct {
			Failures int
			Last     *time.Time
		}
		if err := tx.Raw(`SELECT count(*) AS failures, max(attempted_at) AS last FROM login_attempts
			WHERE account_key = ? AND attempted_at > ?`, account, now.Add(-l.rule.AccountWindow)).Scan(&acct).Error; err != nil {
			return fmt.Errorf("count account failures: %w", err)
		}
		if acct.Last != nil {
			wait = l.rule.AccountWait(acct.Failures, *acct.Last, now)
		}
		addressWait, err := l.addressWait(tx, account, clientIP, now)
		if err != nil {
			return err
		}
		if wait = max(wait, addressWait); wait > 0 {
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

// addressWait is how long the address's limit holds the attempt back:
// nothing for an account known at the address, otherwise until the
// AddressMaxFailures-th most recent failure from it leaves the window.
func (l *LoginAttempts) addressWait(tx *gorm.DB, account, clientIP string, now time.Time) (time.Duration, error) {
	var known int64
	if err := tx.Raw(`SELECT count(*) FROM login_known_addresses WHERE account_key = ? AND client_ip = ? AND last_success_at > ?`,
		account, clientIP, now.Add(-l.rule.KnownAddressTTL)).Scan(&known).Error; err != nil {
		return 0, fmt.Errorf("known address: %w", err)
	}
	if known > 0 {
		return 0, nil
	}
	var nth []time.Time
	if err := tx.Raw(`SELECT attempted_at FROM login_attempts WHERE client_ip = ? AND attempted_at > ?
		ORDER BY attempted_at DESC OFFSET ? LIMIT 1`, clientIP, now.Add(-l.rule.AddressWindow), l.rule.AddressMaxFailures-1).
		Scan(&nth).Error; err != nil {
		return 0, fmt.Errorf("count address failures: %w", err)
	}
	if len(nth) == 0 {
		return 0, nil
	}
	return l.rule.AddressWait(nth[0], now), nil
}

// Succeeded implements app.LoginAttempts: the account's failures are
// forgotten and the address becomes known for it.
func (l *LoginAttempts) Succeeded(ctx context.Context, account, clientIP string, now time.Time) error {
	err := l.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`DELETE FROM login_attempts WHERE account_key = ?`, account).Error; err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO login_known_addresses (account_key, client_ip, last_success_at) VALUES (?, ?, ?)
			ON CONFLICT (account_key, client_ip) DO UPDATE SET last_success_at = GREATEST(login_known_addresses.last_success_at, EXCLUDED.last_success_at)`,
			account, clientIP, now).Error
	})
	if err != nil {
		return fmt.Errorf("record successful sign-in: %w", err)
	}
	return nil
}

// Prune deletes failures that count for nothing any more and known
// addresses past their lifetime: both hold client addresses.
func (l *LoginAttempts) Prune(ctx context.Context, now time.Time) (int64, error) {
	db := l.db.WithContext(ctx)
	res := db.Exec(`DELETE FROM login_attempts WHERE attempted_at <= ?`, now.Add(-l.rule.Retention()))
	if res.Error != nil {
		return 0, fmt.Errorf("prune login attempts: %w", res.Error)
	}
	known := db.Exec(`DELETE FROM login_known_addresses WHERE last_success_at <= ?`, now.Add(-l.rule.KnownAddressTTL))
	if known.Error != nil {
		return 0, fmt.Errorf("prune known addresses: %w", known.Error)
	}
	return res.RowsAffected + known.RowsAffected, nil
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
