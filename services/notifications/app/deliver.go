package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// notify tells one recipient about ev on the channels their preferences
// open for its kind and project.
func (a *App) notify(ctx context.Context, ev domain.Event, userID string, n domain.Notification) error {
	prefs, err := a.preferences(ctx, userID)
	if err != nil {
		return err
	}
	ch := prefs.ChannelsFor(n.Kind, ev.ProjectID)
	if !ch.Any() {
		return nil
	}
	profile, err := a.profile(ctx, userID)
	if err != nil {
		return err
	}
	if profile.Deleted {
		return nil
	}
	if ch.InApp {
		if n.Seq, err = a.store(ctx, userID, ev.ID, n); err != nil {
			return err
		}
	}
	if ch.Email && profile.Email != "" {
		if prefs.Delivery == domain.DeliveryDaily {
			err = a.queueDigest(ctx, profile, prefs, n)
		} else {
			err = a.once(ctx, keySent(userID, ev.ID, domain.ChannelEmail), func() error { return a.mail(ctx, profile, prefs, n) })
		}
		if err != nil {
			return err
		}
	}
	if ch.Push {
		return a.once(ctx, keySent(userID, ev.ID, domain.ChannelPush), func() error {
			return a.Pusher.Push(ctx, userID, n, a.uiURL(n.Path))
		})
	}
	return nil
}

// store puts n in the user's inbox under the sequence number allocated
// for its event (the same one if the event was seen before) and wakes the
// user's live feeds.
func (a *App) store(ctx context.Context, userID, eventID string, n domain.Notification) (int64, error) {
	unlock := a.locks.lock(userID)
	defer unlock()
	done := a.done.take(userID)
	var seq int64
	_, err := Update(ctx, a.Docs, keyInbox(userID), Write{}, func(in *domain.Inbox, _ bool) (bool, error) {
		seq, _ = in.Allocate(eventID, a.now(), done)
		return true, nil
	})
	if err != nil {
		a.done.putBack(userID, done)
		return 0, err
	}
	n.Seq = seq
	if err := a.Docs.Put(ctx, keyNote(userID, seq), n, Write{TTL: a.Config.Retention}); err != nil {
		return 0, err
	}
	a.hub.notify(userID)
	return seq, nil
}

// once runs send unless the marker says it ran for this event, and sets
// the marker after it succeeded. A crash between the two sends again on
// redelivery: e-mail and push are delivered at least once, and twice only
// in that window.
func (a *App) once(ctx context.Context, marker string, send func() error) error {
	if _, found, err := Lookup[struct{}](ctx, a.Docs, marker); err != nil || found {
		return err
	}
	if err := send(); err != nil {
		return err
	}
	if err := a.Docs.Put(ctx, marker, struct{}{}, Write{TTL: markerTTL}); err != nil && !errors.Is(err, ErrConflict) {
		return err
	}
	return nil
}

// mail sends one notification e-mail now.
func (a *App) mail(ctx context.Context, to domain.Profile, prefs domain.Preferences, n domain.Notification) error {
	links, err := a.links(ctx, to.ID, prefs, n.Kind, n.Path)
	if err != nil {
		return err
	}
	m, err := a.Renderer.Notification(to, n, links)
	if err != nil {
		return err
	}
	return a.Mailer.Send(ctx, m)
}

// mailInvitee tells someone without an account about their invitation:
// by e-mail only, once per event.
func (a *App) mailInvitee(ctx context.Context, ev domain.Event, n domain.Notification) error {
	sum := sha256.Sum256([]byte(strings.ToLower(ev.InviteeEmail)))
	recipient := "email-" + hex.EncodeToString(sum[:16])
	return a.once(ctx, keySent(recipient, ev.ID, domain.ChannelEmail), func() error {
		m, err := a.Renderer.Invitation(ev.InviteeEmail, n, Links{
			Base: a.uiURL(""), Open: a.uiURL("/signup"), Inbox: a.uiURL("/invitations"), Preferences: a.uiURL("/profile"),
		})
		if err != nil {
			return err
		}
		return a.Mailer.Send(ctx, m)
	})
}

// links are the URLs of a message to userID about a notification of kind
// (kind "" for a digest: its unsubscribe link turns the digest off).
func (a *App) links(ctx context.Context, userID string, prefs domain.Preferences, kind domain.Kind, path string) (Links, error) {
	key, err := a.unsubscribeKey(ctx, userID, prefs)
	if err != nil {
		return Links{}, err
	}
	token := domain.UnsubscribeToken(userID, kind, key)
	l := Links{
		Base:            a.uiURL(""),
		Inbox:           a.uiURL("/notifications"),
		Preferences:     a.uiURL("/profile/notifications"),
		Unsubscribe:     strings.TrimRight(a.Config.APIBaseURL, "/") + "/api/v1/notifications/unsubscribe?token=" + token,
		UnsubscribePage: a.uiURL("/unsubscribe?token=" + token),
	}
	if path != "" {
		l.Open = a.uiURL(path)
	}
	return l, nil
}

func (a *App) uiURL(path string) string {
	return strings.TrimRight(a.Config.UIBaseURL, "/") + path
}
