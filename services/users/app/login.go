package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/users/domain"
)

// LoginRequest is a sign-in with an email address or a username.
type LoginRequest struct {
	Login     string
	Password  string
	UserAgent string
	ClientIP  string
}

// LoginResult is the tokens of the new session and the account.
type LoginResult struct {
	Tokens contracts.TokenPair
	User   domain.User
}

// ErrAuthUnavailable reports that the auth service could not be reached.
var ErrAuthUnavailable = apperr.New(apperr.KindUnavailable, "auth_unavailable",
	"signing in is not possible right now; try again shortly")

// Login checks the password and asks auth for a session. Unknown logins
// and wrong passwords get the same answer after the same work (a dummy
// hash is verified when no account matches), and both count towards the
// account's and the address's throttles (domain.LoginThrottle).
func (a *App) Login(ctx context.Context, req LoginRequest) (LoginResult, error) {
	problems := domain.FieldErrors{}
	switch {
	case strings.TrimSpace(req.Login) == "":
		problems.Add("login", "required")
	case len(req.Login) > domain.MaxEmailBytes:
		problems.Add("login", "too_long")
	}
	if p := domain.PasswordProblem(req.Password); p != "" {
		problems.Add("password", p)
	}
	if err := problems.Err(); err != nil {
		return LoginResult{}, err
	}
	u, known, err := a.findLogin(ctx, req.Login)
	if err != nil {
		return LoginResult{}, err
	}
	account := u.ID
	if !known {
		sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(req.Login))))
		account = "login:" + hex.EncodeToString(sum[:])
	}
	if err := a.checkPassword(ctx, account, req.ClientIP, req.Password, u.PasswordHash, known); err != nil {
		if errors.Is(err, domain.ErrCurrentPasswordIncorrect) {
			return LoginResult{}, domain.ErrInvalidCredentials
		}
		return LoginResult{}, err
	}
	a.rehashIfNeeded(ctx, u, req.Password)
	tokens, err := a.mint(ctx, u, req.UserAgent, req.ClientIP)
	if err != nil {
		return LoginResult{}, err
	}
	return LoginResult{Tokens: tokens, User: u}, nil
}

// mint asks auth for a new session of u.
func (a *App) mint(ctx context.Context, u domain.User, userAgent, clientIP string) (contracts.TokenPair, error) {
	tokens, err := a.Sessions.Mint(ctx, contracts.MintSessionRequest{
		UserID: u.ID, Username: u.Username, UserAgent: userAgent, ClientIP: clientIP,
	})
	if err != nil {
		return contracts.TokenPair{}, apperr.Wrap(err, ErrAuthUnavailable.Kind, ErrAuthUnavailable.Code, ErrAuthUnavailable.Message)
	}
	return tokens, nil
}

// findLogin looks the account up by email (when the login has an @) or by
// username. A login that cannot be an email or a username matches nothing.
func (a *App) findLogin(ctx context.Context, login string) (domain.User, bool, error) {
	var (
		u   domain.User
		err error = domain.ErrUserNotFound
	)
	if strings.Contains(login, "@") {
		if email, problem := domain.NormalizeEmail(login); problem == "" {
			u, err = a.Users.ByEmail(ctx, email)
		}
	} else if username, problem := domain.NormalizeUsername(strings.TrimSpace(login)); problem == "" {
		u, err = a.Users.ByUsername(ctx, username)
	}
	switch {
	case errors.Is(err, domain.ErrUserNotFound):
		return domain.User{}, false, nil
	case err != nil:
		return domain.User{}, false, err
	}
	return u, true, nil
}

// checkPassword admits the attempt through the throttle, verifies the
// password (against the dummy hash when the account is unknown) and clears
// the account's failures on success. A wrong password is
// domain.ErrCurrentPasswordIncorrect; callers choose what to tell clients.
func (a *App) checkPassword(ctx context.Context, account, clientIP, password, hash string, known bool) error {
	clientIP = knownOrUnknown(clientIP)
	wait, err := a.Attempts.Admit(ctx, account, clientIP, a.now())
	if err != nil {
		return fmt.Errorf("admit sign-in attempt: %w", err)
	}
	if wait > 0 {
		return domain.TooManyAttempts(wait)
	}
	if !known {
		hash = a.dummyHash
	}
	ok, err := a.Hasher.Verify(ctx, password, hash)
	if err != nil {
		return fmt.Errorf("verify password: %w", err)
	}
	if !ok || !known {
		return domain.ErrCurrentPasswordIncorrect
	}
	if err := a.Attempts.Succeeded(ctx, account, clientIP, a.now()); err != nil {
		return fmt.Errorf("clear sign-in failures: %w", err)
	}
	return nil
}

// knownOrUnknown puts requests whose address is unknown in one bucket.
func knownOrUnknown(clientIP string) string {
	if clientIP == "" {
		return "unknown"
	}
	return clientIP
}

// rehashIfNeeded upgrades a hash made with older parameters while the
// plain password is at hand. Failure only delays the upgrade.
func (a *App) rehashIfNeeded(ctx context.Context, u domain.User, password string) {
	if !a.Hasher.NeedsRehash(u.PasswordHash) {
		return
	}
	hash, err := a.Hasher.Hash(ctx, password)
	if err == nil {
		_, err = a.Users.Update(ctx, u.ID, func(cur *domain.User) ([]string, *events.Event, error) {
			if cur.PasswordHash != u.PasswordHash {
				return nil, nil, nil // changed meanwhile: keep the newer one
			}
			cur.PasswordHash = hash
			return []string{domain.FieldPassword}, nil, nil
		})
	}
	if err != nil {
		a.Log.WarnContext(ctx, "password rehash failed", "user_id", u.ID, "error", err)
	}
}
