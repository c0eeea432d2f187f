package app

import (
	"context"
	"errors"

	"github.com/taskrocket/taskrocket/services/auth/domain"
)

// Refresh exchanges a refresh token for a new pair. The presented token is
// spent; presenting it again revokes the whole session (reuse detection).
// Of two concurrent exchanges of one token exactly one wins: the session's
// current-token pointer is replaced with an ETag check, and the loser then
// finds its token no longer current, which is reuse.
func (a *Application) Refresh(ctx context.Context, presented string) (Tokens, error) {
	hash, ok := domain.HashRefreshToken(presented)
	if !ok {
		return Tokens{}, domain.ErrRefreshInvalid
	}
	tok, err := a.sessions.RefreshToken(ctx, hash)
	switch {
	case errors.Is(err, ErrNotFound):
		return Tokens{}, domain.ErrRefreshInvalid
	case err != nil:
		return Tokens{}, errStore("load refresh token", err)
	}
	for range maxAttempts {
		tokens, err := a.exchange(ctx, tok)
		if errors.Is(err, ErrConflict) {
			continue // the session changed under us: decide again
		}
		return tokens, err
	}
	return Tokens{}, errStore("refresh", ErrConflict)
}

func (a *Application) exchange(ctx context.Context, tok domain.RefreshToken) (Tokens, error) {
	now := a.now()
	s, v, err := a.sessions.Session(ctx, tok.SessionID)
	switch {
	case errors.Is(err, ErrNotFound):
		return Tokens{}, domain.ErrRefreshInvalid
	case err != nil:
		return Tokens{}, errStore("load session", err)
	case s.UserID != tok.UserID:
		return Tokens{}, domain.ErrRefreshInvalid
	}
	if err := s.CheckExchange(tok, now); err != nil {
		if errors.Is(err, domain.ErrRefreshReused) {
			a.log.WarnContext(ctx, "refresh token reuse: revoking the session",
				"session_id", s.ID, "user_id", s.UserID)
			if rerr := a.revokeSession(ctx, s.ID, s.UserID, domain.ReasonRefreshReused); rerr != nil {
				return Tokens{}, rerr
			}
		}
		return Tokens{}, err
	}

	secret, hash, err := domain.NewRefreshSecret()
	if err != nil {
		return Tokens{}, err
	}
	next, nextTok := s.Rotate(hash, now, a.opts.Lifetimes)
	tokens, err := a.issue(next, secret, now)
	if err != nil {
		return Tokens{}, err
	}
	// The new token's record first: until the session points at it nobody
	// can use it, and if the session update loses it is removed again.
	if err := a.sessions.SaveRefreshToken(ctx, nextTok); err != nil {
		return Tokens{}, errStore("save refresh token", err)
	}
	if err := a.sessions.UpdateSession(ctx, next, v); err != nil {
		if derr := a.sessions.DeleteRefreshToken(ctx, nextTok.Hash); derr != nil {
			a.log.WarnContext(ctx, "unused refresh token left to expire", "session_id", s.ID, "error", derr)
		}
		if errors.Is(err, ErrConflict) {
			return Tokens{}, err
		}
		return Tokens{}, errStore("rotate session", err)
	}
	// The session no longer points at the old token, so it is refused even
	// if this write fails; the flag only records why.
	tok.Spent = true
	if err := a.sessions.SaveRefreshToken(ctx, tok); err != nil {
		a.log.WarnContext(ctx, "spent refresh token not marked", "session_id", s.ID, "error", err)
	}
	return tokens, nil
}
