package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"
)

// Helpers of the notifications tests: the inbox as the UI reads it, the
// live stream as a browser reads it, Mailpit's API and the MQTT broker.

// note is a notification as the API answers it.
type note struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Reason    string `json:"reason"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Path      string `json:"path"`
	Read      bool   `json:"read"`
	CommentID string `json:"commentId"`
	// ReminderID: a calendar reminder's notification (kind reminder).
	ReminderID string `json:"reminderId"`
	Task       *struct {
		ID string `json:"id"`
	} `json:"task"`
}

// inbox returns every notification of p, newest first, and the unread count.
func inbox(t *testing.T, p person) ([]note, int) {
	t.Helper()
	var all []note
	unread, cursor := 0, ""
	for {
		path := "/api/v1/notifications?limit=100"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		r := p.call(t, http.MethodGet, path, "")
		expect(t, "inbox", r, http.StatusOK, "")
		var page struct {
			Items       []note  `json:"items"`
			NextCursor  *string `json:"nextCursor"`
			UnreadCount int     `json:"unreadCount"`
		}
		if err := json.Unmarshal(r.Body, &page); err != nil {
			t.Fatal(err)
		}
		all, unread = append(all, page.Items...), page.UnreadCount
		if page.NextCursor == nil {
			return all, unread
		}
		cursor = *page.NextCursor
	}
}

// awaitNote waits until p has a notification matching match and returns it.
func awaitNote(t *testing.T, p person, what string, match func(note) bool) note {
	t.Helper()
	var found note
	eventually(t, 30*time.Second, what, func() bool {
		items, _ := inbox(t, p)
		for _, n := range items {
			if match(n) {
				found = n
				return true
			}
		}
		return false
	})
	return found
}

// sse is one Server-Sent Event.
type sse struct {
	ID, Event, Data string
	At              time.Time
}

// stream is an open live stream of p's notifications.
type stream struct {
	events chan sse
	cancel func()
	status int
}

// openStream connects to the gateway's stream as p, resuming after
// lastEventID when it is set.
func openStream(t *testing.T, p person, lastEventID string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, suite.URL("gateway")+"/api/v1/notifications/stream", nil)
	req.Header.Set("Accept", "text/event-stream")
	if p.Token != "" {
		req.Header.Set("Authorization", "Bearer "+p.Token)
	}
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	s := &stream{events: make(chan sse, 4096), cancel: cancel, status: resp.StatusCode}
	t.Cleanup(s.close)
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return s
	}
	go func() {
		defer resp.Body.Close()
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		var cur sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if cur.Event != "" {
					cur.At = time.Now()
					s.events <- cur
				}
				cur = sse{}
			case strings.HasPrefix(line, "id: "):
				cur.ID = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "event: "):
				cur.Event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				cur.Data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return s
}

func (s *stream) close() { s.cancel() }

// next returns the next event named name (skipping others), or fails.
func (s *stream) next(t *testing.T, name string, within time.Duration) sse {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatalf("stream ended while waiting for %q", name)
			}
			if ev.Event == name {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %q event within %s", name, within)
		}
	}
}

// nextNote returns the next notification event for reason (skipping
// others, such as "you were added to the project").
func (s *stream) nextNote(t *testing.T, reason string, within time.Duration) (sse, note) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		ev := s.next(t, "notification", time.Until(deadline))
		var n note
		if err := json.Unmarshal([]byte(ev.Data), &n); err != nil {
			t.Fatal(err)
		}
		if n.Reason == reason {
			return ev, n
		}
	}
}

// mail is a message as Mailpit lists it.
type mail struct {
	ID      string `json:"ID"`
	Subject string `json:"Subject"`
	Snippet string `json:"Snippet"`
}

// mailsTo returns the messages Mailpit holds for address.
func mailsTo(t *testing.T, address string) []mail {
	t.Helper()
	r := do(t, http.MethodGet, suite.MailpitURL()+"/api/v1/search?query="+url.QueryEscape("to:"+address), "", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("mailpit search: %d %s", r.Status, r.Body)
	}
	var res struct {
		Messages []mail `json:"messages"`
	}
	if err := json.Unmarshal(r.Body, &res); err != nil {
		t.Fatal(err)
	}
	return res.Messages
}

// mailMessage returns a message's text, HTML and headers.
func mailMessage(t *testing.T, id string) (text, html string, headers map[string][]string) {
	t.Helper()
	r := do(t, http.MethodGet, suite.MailpitURL()+"/api/v1/message/"+id, "", nil)
	var m struct {
		Text, HTML string
	}
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("mailpit message: %v: %s", err, r.Body)
	}
	r = do(t, http.MethodGet, suite.MailpitURL()+"/api/v1/message/"+id+"/headers", "", nil)
	if err := json.Unmarshal(r.Body, &headers); err != nil {
		t.Fatalf("mailpit headers: %v: %s", err, r.Body)
	}
	return m.Text, m.HTML, headers
}

// pushes subscribes to the MQTT topic of a user's push notifications.
type pushes struct {
	mu   sync.Mutex
	msgs [][]byte
	at   []time.Time
}

func subscribePush(t *testing.T, userID string) *pushes {
	t.Helper()
	ps := &pushes{}
	opts := mqtt.NewClientOptions().AddBroker("tcp://127.0.0.1:1883").SetClientID("e2e-" + uuid.NewString())
	c := mqtt.NewClient(opts)
	if tok := c.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("mqtt connect: %v", tok.Error())
	}
	t.Cleanup(func() { c.Disconnect(100) })
	tok := c.Subscribe("taskrocket/users/"+userID, 1, func(_ mqtt.Client, m mqtt.Message) {
		ps.mu.Lock()
		defer ps.mu.Unlock()
		ps.msgs, ps.at = append(ps.msgs, m.Payload()), append(ps.at, time.Now())
	})
	if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("mqtt subscribe: %v", tok.Error())
	}
	return ps
}

func (ps *pushes) all() [][]byte {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return append([][]byte(nil), ps.msgs...)
}

// publishAs publishes a CloudEvent of a context to the product's pub/sub
// through that context's own sidecar, as its service does (the
// collaboration service publishes comment events; until its API exists the
// tests publish them the same way).
func publishAs(t *testing.T, appID, topic, eventType, subject string, data any) string {
	t.Helper()
	ev, err := events.New("/"+appID, eventType, subject, data)
	if err != nil {
		t.Fatal(err)
	}
	return publishEvent(t, appID, topic, ev)
}

func publishEvent(t *testing.T, appID, topic string, ev events.Event) string {
	t.Helper()
	if err := publishRaw(appID, topic, ev); err != nil {
		t.Fatal(err)
	}
	return ev.ID
}

// publishRaw publishes ev through appID's sidecar (safe in any goroutine).
func publishRaw(appID, topic string, ev events.Event) error {
	raw, _ := json.Marshal(ev)
	u := fmt.Sprintf("http://127.0.0.1:%d/v1.0/publish/%s/%s", suite.DaprHTTPPort(appID), contracts.PubSub, topic)
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(string(raw)))
	req.Header.Set("Content-Type", events.ContentType)
	req.Header.Set("dapr-api-token", suite.APIToken(appID))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusOK {
		return fmt.Errorf("publish %s: HTTP %d", ev.Type, resp.StatusCode)
	}
	return nil
}

// postComment publishes comment.created for a comment by author on a task
// (taskID "" for the project's discussion) mentioning some members.
func postComment(t *testing.T, author person, projectID, taskID, body string, mentioned ...string) string {
	t.Helper()
	commentID := uuid.Must(uuid.NewV7()).String()
	var task *string
	if taskID != "" {
		task = &taskID
	}
	if mentioned == nil {
		mentioned = []string{}
	}
	now := time.Now().UTC()
	publishAs(t, contracts.AppCollaboration, contracts.TopicComments, contracts.EventCommentCreated, commentID, contracts.CommentCreated{
		Actor: contracts.Actor{UserID: author.ID}, ProjectID: projectID, TaskID: task, CommentID: commentID,
		Comment: contracts.Comment{ID: commentID, ProjectID: projectID, TaskID: task, AuthorID: author.ID, Body: body,
			MentionedUserIDs: mentioned, Version: 1, CreatedAt: now},
		OccurredAt: now,
	})
	return commentID
}
