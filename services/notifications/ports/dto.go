package ports

import (
	"strconv"
	"time"

	"github.com/taskrocket/taskrocket/services/notifications/app"
	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// notificationDTO is a notification as the API shows it. Optional values
// are null, never omitted.
type notificationDTO struct {
	ID        string         `json:"id"`
	Kind      domain.Kind    `json:"kind"`
	Reason    domain.Reason  `json:"reason"`
	Title     string         `json:"title"`
	Body      string         `json:"body"`
	Actor     *domain.Person `json:"actor"`
	Project   *domain.Ref    `json:"project"`
	Task      *domain.Ref    `json:"task"`
	CommentID *string        `json:"commentId"`
	// ReminderID: the calendar's reminder that came (snooze it there).
	ReminderID *string   `json:"reminderId"`
	Path       string    `json:"path"`
	Read       bool      `json:"read"`
	CreatedAt  time.Time `json:"createdAt"`
}

func toNotification(it app.Item) notificationDTO {
	d := notificationDTO{
		ID: strconv.FormatInt(it.Seq, 10), Kind: it.Kind, Reason: it.Reason, Title: it.Title, Body: it.Body,
		Actor: it.Actor, Project: it.Project, Task: it.Task, Path: it.Path, Read: it.Read, CreatedAt: it.CreatedAt,
	}
	if it.CommentID != "" {
		d.CommentID = &it.CommentID
	}
	if it.ReminderID != "" {
		d.ReminderID = &it.ReminderID
	}
	return d
}

func toNotifications(items []app.Item) []notificationDTO {
	out := make([]notificationDTO, len(items))
	for i, it := range items {
		out[i] = toNotification(it)
	}
	return out
}

// pageDTO is a page of the inbox.
type pageDTO struct {
	Items       []notificationDTO `json:"items"`
	NextCursor  *string           `json:"nextCursor"`
	UnreadCount int               `json:"unreadCount"`
}

// feedDTO is contracts.NotificationFeed as the service writes it.
type feedDTO struct {
	Items       []notificationDTO `json:"items"`
	Cursor      string            `json:"cursor"`
	UnreadCount int               `json:"unreadCount"`
}

type unreadDTO struct {
	UnreadCount int `json:"unreadCount"`
}

// readAllRequest is the optional body of POST /notifications/read-all:
// upTo is the newest notification the caller saw.
type readAllRequest struct {
	UpTo *string `json:"upTo"`
}

// preferencesDTO is the caller's notification settings.
type preferencesDTO struct {
	Kinds           map[domain.Kind]domain.ChannelSet `json:"kinds"`
	Delivery        domain.Delivery                   `json:"delivery"`
	DigestTime      string                            `json:"digestTime"`
	Timezone        string                            `json:"timezone"`
	MutedProjectIDs []string                          `json:"mutedProjectIds"`
}

func toPreferences(s app.Settings) preferencesDTO {
	tz := s.Timezone
	if tz == "" {
		tz = "UTC"
	}
	return preferencesDTO{Kinds: s.Kinds, Delivery: s.Delivery, DigestTime: s.DigestTime, Timezone: tz, MutedProjectIDs: s.Muted}
}

// preferencesPatch is PATCH /notifications/preferences: only what is
// given changes.
type preferencesPatch struct {
	Kinds      map[string]channelPatch `json:"kinds"`
	Delivery   *string                 `json:"delivery"`
	DigestTime *string                 `json:"digestTime"`
}

type channelPatch struct {
	InApp *bool `json:"inApp"`
	Email *bool `json:"email"`
	Push  *bool `json:"push"`
}

func (p preferencesPatch) toDomain() domain.PreferencesPatch {
	out := domain.PreferencesPatch{Delivery: p.Delivery, DigestTime: p.DigestTime}
	if p.Kinds != nil {
		out.Kinds = make(map[string]domain.ChannelPatch, len(p.Kinds))
		for k, c := range p.Kinds {
			out.Kinds[k] = domain.ChannelPatch{InApp: c.InApp, Email: c.Email, Push: c.Push}
		}
	}
	return out
}

type followingDTO struct {
	Following bool `json:"following"`
}

type followersDTO struct {
	Items     []domain.Person `json:"items"`
	Following bool            `json:"following"`
}

type unsubscribeDTO struct {
	Kind         domain.Kind `json:"kind"`
	Unsubscribed bool        `json:"unsubscribed"`
}
