package app

import (
	"context"
	"encoding/base64"
	"errors"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// Settings are a user's preferences with the timezone of their profile
// (which decides when the digest goes out).
type Settings struct {
	domain.Preferences
	Timezone string
}

// preferences returns the user's preferences (the defaults if they never
// chose).
func (a *App) preferences(ctx context.Context, userID string) (domain.Preferences, error) {
	p, found, err := Lookup[domain.Preferences](ctx, a.Docs, keyPrefs(userID))
	if err != nil {
		return p, err
	}
	if !found {
		p = domain.DefaultPreferences()
	}
	p.Normalize()
	return p, nil
}

// Preferences returns the caller's settings.
func (a *App) Preferences(ctx context.Context, userID string) (Settings, error) {
	p, err := a.preferences(ctx, userID)
	if err != nil {
		return Settings{}, err
	}
	prof, err := a.profile(ctx, userID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Settings{}, err
	}
	return Settings{Preferences: p, Timezone: prof.Timezone}, nil
}

// UpdatePreferences applies a partial change (every problem reported,
// nothing written when one is found) and returns the settings after it.
func (a *App) UpdatePreferences(ctx context.Context, userID string, patch domain.PreferencesPatch) (Settings, error) {
	check := domain.DefaultPreferences()
	if err := check.Apply(patch); err != nil {
		return Settings{}, err
	}
	p, err := a.changePreferences(ctx, userID, func(p *domain.Preferences) (bool, error) {
		return true, p.Apply(patch)
	})
	if err != nil {
		return Settings{}, err
	}
	if patch.DigestTime != nil || patch.Delivery != nil {
		a.rescheduleDigest(ctx, userID)
	}
	s, err := a.Preferences(ctx, userID)
	s.Preferences = p
	return s, err
}

// Mute silences (or unsilences) a project's activity for the caller. Only
// a member may mute a project; anyone may unmute one they muted (after
// leaving it, too).
func (a *App) Mute(ctx context.Context, userID, projectID string, muted bool) (Settings, error) {
	prefs, err := a.preferences(ctx, userID)
	if err != nil {
		return Settings{}, err
	}
	if muted || !prefs.IsMuted(projectID) {
		view, found, err := a.Projects.Project(ctx, projectID)
		if err != nil {
			return Settings{}, err
		}
		if !found || !view.IsMember(userID) {
			return Settings{}, domain.ErrProjectNotFound
		}
	}
	p, err := a.changePreferences(ctx, userID, func(p *domain.Preferences) (bool, error) {
		if muted && !p.IsMuted(projectID) && len(p.Muted) >= domain.MaxMuted {
			return false, domain.ErrTooManyMuted
		}
		return p.Mute(projectID, muted), nil
	})
	if err != nil {
		return Settings{}, err
	}
	s, err := a.Preferences(ctx, userID)
	s.Preferences = p
	return s, err
}

// Unsubscribe turns off the e-mail a signed link names (one kind, or all
// e-mail for the digest's link). It needs no login: the link is the
// proof. A link that does not verify is domain.ErrInvalidUnsubscribe.
func (a *App) Unsubscribe(ctx context.Context, token string, apply bool) (domain.Kind, error) {
	userID, kind, ok := domain.ParseUnsubscribeToken(token)
	if !ok {
		return "", domain.ErrInvalidUnsubscribe
	}
	prefs, found, err := Lookup[domain.Preferences](ctx, a.Docs, keyPrefs(userID))
	if err != nil {
		return "", err
	}
	if !found || !domain.CheckUnsubscribeToken(token, []byte(prefs.UnsubscribeKey)) {
		return "", domain.ErrInvalidUnsubscribe
	}
	if !apply {
		return kind, nil
	}
	_, err = a.changePreferences(ctx, userID, func(p *domain.Preferences) (bool, error) {
		changed := false
		for k, s := range p.Kinds {
			if (kind == domain.AllEmail || k == kind) && s.Email {
				s.Email, changed = false, true
				p.Kinds[k] = s
			}
		}
		return changed, nil
	})
	return kind, err
}

// changePreferences applies change to the stored preferences (created
// from the defaults) and returns them.
func (a *App) changePreferences(ctx context.Context, userID string, change func(p *domain.Preferences) (bool, error)) (domain.Preferences, error) {
	p, err := Update(ctx, a.Docs, keyPrefs(userID), Write{}, func(p *domain.Preferences, exists bool) (bool, error) {
		if !exists {
			*p = domain.DefaultPreferences()
		}
		p.Normalize()
		changed, err := change(p)
		return changed || !exists, err
	})
	p.Normalize()
	return p, err
}

// unsubscribeKey returns the key that signs the user's unsubscribe links,
// creating it on first use.
func (a *App) unsubscribeKey(ctx context.Context, userID string, prefs domain.Preferences) ([]byte, error) {
	if prefs.UnsubscribeKey != "" {
		return []byte(prefs.UnsubscribeKey), nil
	}
	raw := make([]byte, 32)
	if err := a.Random(raw); err != nil {
		return nil, err
	}
	fresh := base64.RawURLEncoding.EncodeToString(raw)
	p, err := a.changePreferences(ctx, userID, func(p *domain.Preferences) (bool, error) {
		if p.UnsubscribeKey != "" {
			return false, nil
		}
		p.UnsubscribeKey = fresh
		return true, nil
	})
	return []byte(p.UnsubscribeKey), err
}

// profile returns what is known of an account: the profile the user
// events described, else the users service's answer (kept for next time).
// An account the users service does not know is a deleted one.
func (a *App) profile(ctx context.Context, userID string) (domain.Profile, error) {
	p, found, err := Lookup[domain.Profile](ctx, a.Docs, keyProfile(userID))
	if err != nil || found {
		return p, err
	}
	p, err = a.Users.Profile(ctx, userID)
	if errors.Is(err, ErrNotFound) {
		return domain.Profile{ID: userID, Deleted: true}, nil
	}
	if err != nil {
		return p, err
	}
	p.ID = userID
	return p, a.Docs.Put(ctx, keyProfile(userID), p, Write{Create: true})
}

// forgetUser deletes what the service keeps about a deleted account:
// preferences, inbox, notifications and pending digest; the profile is
// kept as "deleted" so that their past actions are still attributed.
func (a *App) forgetUser(ctx context.Context, userID string) error {
	in, found, err := Lookup[domain.Inbox](ctx, a.Docs, keyInbox(userID))
	if err != nil {
		return err
	}
	if found {
		for hi := in.Last; hi > 0; hi -= 100 {
			keys := make([]string, 0, 100)
			for s := hi; s > max(0, hi-100); s-- {
				keys = append(keys, keyNote(userID, s))
			}
			if err := a.Docs.Delete(ctx, keys...); err != nil {
				return err
			}
		}
	}
	if err := a.Docs.Delete(ctx, keyInbox(userID), keyPrefs(userID), keyDigest(userID)); err != nil {
		return err
	}
	err = a.Docs.Put(ctx, keyProfile(userID), domain.Profile{ID: userID, Deleted: true}, Write{})
	a.hub.notify(userID)
	return err
}
