package contracts

import "encoding/json"

// The live stream of notifications (services/notifications): the gateway
// serves GET /api/v1/notifications/stream as Server-Sent Events by asking
// the notifications service, with the caller's bearer token, for what
// follows the last notification sent, one long poll after another.

// NotificationsPathFeed: GET api/v1/notifications/feed?after=<id>&wait=<s>&unread=<n>
// -> 200 NotificationFeed. Without after it answers at once with the
// cursor of the newest notification; otherwise as soon as something
// follows after, the unread count differs from unread, or wait seconds
// (at most NotificationsFeedMaxWait) have passed.
const NotificationsPathFeed = "api/v1/notifications/feed"

// NotificationsFeedMaxWait is the longest wait (seconds) a feed request may
// ask for: below the 30 s the sidecars allow a call.
const NotificationsFeedMaxWait = 25

// NotificationFeed is the answer of the feed: notifications after the
// cursor asked for, oldest first, each a JSON object with its "id" (the
// Server-Sent Event id); Cursor is where the next request continues.
type NotificationFeed struct {
	Items       []json.RawMessage `json:"items"`
	Cursor      string            `json:"cursor"`
	UnreadCount int               `json:"unreadCount"`
}
