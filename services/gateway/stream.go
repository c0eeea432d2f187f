package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
)

// StreamPath is the live notification stream of the signed-in user.
const StreamPath = "/api/v1/notifications/stream"

// notificationStream serves StreamPath as Server-Sent Events. It is served
// here, not proxied: daprd copies an invocation's answer to the caller
// without flushing (events would wait in a 4 KB buffer), and the
// resiliency policy ends every call after 30 s. So the gateway keeps the
// browser's connection and asks the notifications service for what
// follows the last event sent, one long poll (contracts.NotificationFeed,
// at most 25 s) after another; each answer is a whole response, which
// both sidecars pass on at once.
//
// Events: "notification" (id: the notification's id, data: the
// notification), "unread" (data: {"unreadCount": n}, first and whenever it
// changes), "reauthenticate" before the stream ends because the access
// token expires; comments keep idle connections open. A client resumes
// with Last-Event-ID (header, or lastEventId in the query for clients that
// cannot set it) and misses nothing.
type notificationStream struct {
	sidecar  *daprx.Sidecar
	verifier *authn.Verifier
	sessions *sessionView
	log      *slog.Logger
	// done ends every stream (the gateway is stopping).
	done <-chan struct{}
	// poll is how long one feed request may wait.
	poll time.Duration

	mu     sync.Mutex
	open   map[string]int // streams per user
	perMax int
}

func newNotificationStream(sidecar *daprx.Sidecar, verifier *authn.Verifier, sessions *sessionView, log *slog.Logger, done <-chan struct{}) *notificationStream {
	return &notificationStream{sidecar: sidecar, verifier: verifier, sessions: sessions, log: log, done: done,
		poll: 20 * time.Second, open: map[string]int{}, perMax: 10}
}

var (
	errBadLastEventID = apperr.Invalid("invalid_last_event_id", "Last-Event-ID must be the id of a notification")
	errTooManyStreams = apperr.New(apperr.KindTooManyRequests, "too_many_streams",
		"you have too many notification streams open; close one first")
)

func (s *notificationStream) handle(c *gin.Context) {
	ctx := c.Request.Context()
	token, _ := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	claims, err := s.verifier.Verify(ctx, strings.TrimSpace(token))
	if err == nil {
		err = s.sessions.check(ctx, claims.SessionID, claims.Subject, claims.ExpiresAt.Time)
	}
	if err != nil {
		c.Header("WWW-Authenticate", `Bearer realm="taskrocket"`)
		fail(c, err)
		return
	}
	after, err := lastEventID(c)
	if err != nil {
		fail(c, err)
		return
	}
	if !s.acquire(claims.Subject) {
		c.Header("Retry-After", "5")
		fail(c, errTooManyStreams)
		return
	}
	defer s.release(claims.Subject)

	h := c.Writer.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // proxies in front must not buffer it either
	c.Status(http.StatusOK)
	out := &sseWriter{w: c.Writer}
	out.retry(3 * time.Second)

	expires := time.NewTimer(time.Until(claims.ExpiresAt.Time))
	defer expires.Stop()
	st := streamState{after: after, unread: -1, token: "Bearer " + strings.TrimSpace(token)}
	for failures := 0; ; {
		select {
		case <-ctx.Done():
			return
		case <-s.done:
			return
		case <-expires.C:
			out.event("reauthenticate", "", []byte(`{"reason":"token_expired"}`))
			return
		default:
		}
		if err := s.sessions.check(ctx, claims.SessionID, claims.Subject, claims.ExpiresAt.Time); err != nil {
			out.event("reauthenticate", "", []byte(`{"reason":"session_ended"}`))
			return
		}
		err := s.next(ctx, &st, out)
		switch {
		case err == nil:
			failures = 0
		case ctx.Err() != nil:
			return
		case isDenied(err):
			out.event("reauthenticate", "", []byte(`{"reason":"refused"}`))
			return
		default:
			failures++
			s.log.WarnContext(ctx, "notification feed failed", "error", err, "failures", failures)
			if failures >= 5 {
				return // the client reconnects with Last-Event-ID
			}
			out.comment("waiting for notifications service")
			select {
			case <-time.After(time.Duration(failures) * time.Second):
			case <-ctx.Done():
				return
			}
		}
	}
}

// streamState is where a stream is.
type streamState struct {
	after  int64 // last notification sent; -1: none yet
	unread int   // unread count last sent; -1: none yet
	token  string
}

// next asks for what follows and writes it.
func (s *notificationStream) next(ctx context.Context, st *streamState, out *sseWriter) error {
	q := url.Values{}
	wait := s.poll
	if st.after >= 0 {
		q.Set("after", strconv.FormatInt(st.after, 10))
	}
	if st.unread < 0 {
		wait = 0 // the first answer sets the badge at once
	} else {
		q.Set("unread", strconv.Itoa(st.unread))
	}
	q.Set("wait", strconv.Itoa(int(wait.Seconds())))
	feed, err := s.feed(ctx, q.Encode(), st.token)
	if err != nil {
		return err
	}
	for _, raw := range feed.Items {
		var item struct {
			ID string `json:"id"`
		}
		var compact bytes.Buffer
		if json.Unmarshal(raw, &item) != nil || item.ID == "" || json.Compact(&compact, raw) != nil {
			return fmt.Errorf("feed item without an id: %.100s", raw)
		}
		out.event("notification", item.ID, compact.Bytes())
	}
	if cursor, err := strconv.ParseInt(feed.Cursor, 10, 64); err == nil {
		st.after = cursor
	}
	if feed.UnreadCount != st.unread {
		st.unread = feed.UnreadCount
		out.event("unread", "", fmt.Appendf(nil, `{"unreadCount":%d}`, feed.UnreadCount))
	}
	if len(feed.Items) == 0 {
		out.comment("keepalive")
	}
	return nil
}

// errDenied is the notifications service refusing the token.
type errDenied struct{ status int }

func (e errDenied) Error() string { return fmt.Sprintf("feed refused: HTTP %d", e.status) }

func isDenied(err error) bool {
	_, ok := err.(errDenied)
	return ok
}

func (s *notificationStream) feed(ctx context.Context, query, token string) (contracts.NotificationFeed, error) {
	var feed contracts.NotificationFeed
	resp, err := s.sidecar.Invoke(ctx, http.MethodGet, contracts.AppNotifications,
		contracts.NotificationsPathFeed+"?"+query, nil, http.Header{"Authorization": {token}, "Accept": {"application/json"}})
	if err != nil {
		return feed, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return feed, errDenied{resp.StatusCode}
	case resp.StatusCode != http.StatusOK:
		return feed, fmt.Errorf("feed: HTTP %d", resp.StatusCode)
	}
	err = json.NewDecoder(io.LimitReader(resp.Body, 4<<20)).Decode(&feed)
	return feed, err
}

// lastEventID is where a resumed stream continues (-1: a new stream).
func lastEventID(c *gin.Context) (int64, error) {
	v := c.GetHeader("Last-Event-ID")
	if v == "" {
		v = c.Query("lastEventId")
	}
	if v == "" {
		return -1, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != v {
		return 0, errBadLastEventID
	}
	return n, nil
}

func (s *notificationStream) acquire(user string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open[user] >= s.perMax {
		return false
	}
	s.open[user]++
	return true
}

func (s *notificationStream) release(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open[user]--; s.open[user] <= 0 {
		delete(s.open, user)
	}
}

// sseWriter writes Server-Sent Events and flushes each one.
type sseWriter struct {
	w gin.ResponseWriter
}

func (o *sseWriter) event(name, id string, data []byte) {
	var b bytes.Buffer
	if id != "" {
		fmt.Fprintf(&b, "id: %s\n", id)
	}
	fmt.Fprintf(&b, "event: %s\ndata: %s\n\n", name, data)
	_, _ = o.w.Write(b.Bytes())
	o.w.Flush()
}

func (o *sseWriter) comment(text string) {
	_, _ = fmt.Fprintf(o.w, ": %s\n\n", text)
	o.w.Flush()
}

func (o *sseWriter) retry(d time.Duration) {
	_, _ = fmt.Fprintf(o.w, "retry: %d\n\n", d.Milliseconds())
	o.w.Flush()
}
