package adapters

import (
	"time"

	"github.com/taskrocket/taskrocket/services/auth/domain"
)

// Stored shapes. They are the state store's contract (a rewrite of the
// service in another language reads them), so they change only additively.

type sessionRecord struct {
	UserID            string     `json:"userId"`
	Username          string     `json:"username"`
	UserAgent         string     `json:"userAgent"`
	ClientIP          string     `json:"clientIp"`
	CreatedAt         time.Time  `json:"createdAt"`
	LastUsedAt        time.Time  `json:"lastUsedAt"`
	ExpiresAt         time.Time  `json:"expiresAt"`
	AbsoluteExpiresAt time.Time  `json:"absoluteExpiresAt"`
	CurrentTokenHash  string     `json:"currentTokenHash"`
	RevokedAt         *time.Time `json:"revokedAt,omitempty"`
	Reason            string     `json:"reason,omitempty"`
}

func toSessionRecord(s domain.Session) sessionRecord {
	r := sessionRecord{
		UserID: s.UserID, Username: s.Username, UserAgent: s.UserAgent, ClientIP: s.ClientIP,
		CreatedAt: s.CreatedAt, LastUsedAt: s.LastUsedAt, ExpiresAt: s.ExpiresAt,
		AbsoluteExpiresAt: s.AbsoluteExpiresAt, CurrentTokenHash: s.CurrentTokenHash, Reason: s.RevokeReason,
	}
	if s.Revoked() {
		at := s.RevokedAt
		r.RevokedAt = &at
	}
	return r
}

func (r sessionRecord) domain(id string) domain.Session {
	s := domain.Session{
		ID: id, UserID: r.UserID, Username: r.Username, UserAgent: r.UserAgent, ClientIP: r.ClientIP,
		CreatedAt: r.CreatedAt, LastUsedAt: r.LastUsedAt, ExpiresAt: r.ExpiresAt,
		AbsoluteExpiresAt: r.AbsoluteExpiresAt, CurrentTokenHash: r.CurrentTokenHash, RevokeReason: r.Reason,
	}
	if r.RevokedAt != nil {
		s.RevokedAt = *r.RevokedAt
	}
	return s
}

type tokenRecord struct {
	FamilyID  string    `json:"familyId"`
	UserID    string    `json:"userId"`
	Spent     bool      `json:"spent"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// userIndex lists a user's sessions, so that "log out everywhere" and the
// session list find them without scanning the store.
type userIndex struct {
	Sessions []indexEntry `json:"sessions"`
}

type indexEntry struct {
	ID        string    `json:"id"`
	AddedAt   time.Time `json:"addedAt"`
	ExpiresAt time.Time `json:"expiresAt"` // the session's absolute expiry
}

type keysetRecord struct {
	Keys []keyRecord `json:"keys"`
}

type keyRecord struct {
	Kid        string     `json:"kid"`
	Seed       []byte     `json:"seed"` // Ed25519 private seed, base64
	CreatedAt  time.Time  `json:"createdAt"`
	ActiveFrom *time.Time `json:"activeFrom,omitempty"`
	RetiredAt  *time.Time `json:"retiredAt,omitempty"`
}

func toKeysetRecord(ks domain.Keyset) keysetRecord {
	r := keysetRecord{Keys: make([]keyRecord, 0, len(ks.Keys))}
	for _, k := range ks.Keys {
		kr := keyRecord{Kid: k.ID, Seed: k.Seed, CreatedAt: k.CreatedAt}
		if !k.ActiveFrom.IsZero() {
			at := k.ActiveFrom
			kr.ActiveFrom = &at
		}
		if !k.RetiredAt.IsZero() {
			at := k.RetiredAt
			kr.RetiredAt = &at
		}
		r.Keys = append(r.Keys, kr)
	}
	return r
}

func (r keysetRecord) domain() domain.Keyset {
	ks := domain.Keyset{Keys: make([]domain.SigningKey, 0, len(r.Keys))}
	for _, kr := range r.Keys {
		k := domain.SigningKey{ID: kr.Kid, Seed: kr.Seed, CreatedAt: kr.CreatedAt}
		if kr.ActiveFrom != nil {
			k.ActiveFrom = *kr.ActiveFrom
		}
		if kr.RetiredAt != nil {
			k.RetiredAt = *kr.RetiredAt
		}
		ks.Keys = append(ks.Keys, k)
	}
	return ks
}
