package adapters

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	dapr "github.com/dapr/go-sdk/client"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/taskrocket/taskrocket/services/notifications/app"
	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// Mailer is app.Mailer on the email output binding (bindings.smtp). The
// text part and the extra headers travel as request metadata (textBody,
// headers), which our sidecar's SMTP binding turns into a
// multipart/alternative message; the upstream binding sends the HTML
// alone.
type Mailer struct {
	Sidecar ClientSource
	Binding string
}

var _ app.Mailer = (*Mailer)(nil)

// Send implements app.Mailer.
func (m *Mailer) Send(ctx context.Context, mail app.Mail) error {
	c, err := m.Sidecar.Client(ctx)
	if err != nil {
		return err
	}
	meta := map[string]string{"emailTo": mail.To, "subject": mail.Subject, "textBody": mail.Text}
	if len(mail.Headers) > 0 {
		h, err := json.Marshal(mail.Headers)
		if err != nil {
			return err
		}
		meta["headers"] = string(h)
	}
	if err := c.InvokeOutputBinding(ctx, &dapr.InvokeBindingRequest{
		Name: m.Binding, Operation: "create", Data: []byte(mail.HTML), Metadata: meta,
	}); err != nil {
		return fmt.Errorf("send e-mail: %w", err)
	}
	return nil
}

// Pusher is app.Pusher on the push output binding. One request works for
// both push bindings: the MQTT binding publishes the payload to the topic
// in its metadata (one per user), the HTTP binding POSTs it to ntfy, whose
// JSON publishing format it follows (the ntfy topic is in the payload).
type Pusher struct {
	Sidecar     ClientSource
	Binding     string
	TopicPrefix string // MQTT topics: <prefix>/<userId>
}

var _ app.Pusher = (*Pusher)(nil)

// PushMessage is the payload of a push (docs: services/notifications/README.md).
type PushMessage struct {
	// ntfy's publish fields.
	Topic    string   `json:"topic"`
	Title    string   `json:"title"`
	Message  string   `json:"message"`
	Click    string   `json:"click,omitempty"`
	Tags     []string `json:"tags"`
	Priority int      `json:"priority"`
	// The notification, for any other client.
	Notification PushNotification `json:"notification"`
}

// PushNotification identifies the notification a push is about.
type PushNotification struct {
	ID        string    `json:"id,omitempty"` // in the inbox; "" when it is not there
	UserID    string    `json:"userId"`
	Kind      string    `json:"kind"`
	Reason    string    `json:"reason"`
	Path      string    `json:"path"`
	CreatedAt time.Time `json:"createdAt"`
}

// Push implements app.Pusher.
func (p *Pusher) Push(ctx context.Context, userID string, n domain.Notification, url string) error {
	c, err := p.Sidecar.Client(ctx)
	if err != nil {
		return err
	}
	msg := PushMessage{
		Topic: "taskrocket-" + userID, Title: n.Title, Message: n.Body, Click: url,
		Tags: []string{string(n.Kind)}, Priority: 3,
		Notification: PushNotification{UserID: userID, Kind: string(n.Kind), Reason: string(n.Reason), Path: n.Path, CreatedAt: n.CreatedAt},
	}
	if msg.Message == "" {
		msg.Message = n.Title
	}
	if n.Kind == domain.KindMention || n.Kind == domain.KindAssignment {
		msg.Priority = 4
	}
	if n.Seq > 0 {
		msg.Notification.ID = fmt.Sprint(n.Seq)
	}
	raw, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	topic := strings.TrimRight(p.TopicPrefix, "/") + "/" + userID
	if err := c.InvokeOutputBinding(ctx, &dapr.InvokeBindingRequest{
		Name: p.Binding, Operation: "create", Data: raw, Metadata: map[string]string{"topic": topic},
	}); err != nil {
		return fmt.Errorf("push: %w", err)
	}
	return nil
}

// Jobs is app.Scheduler on the Dapr jobs API (the scheduler keeps the
// jobs; the sidecar calls POST /job/<name> when one is due).
type Jobs struct {
	Sidecar ClientSource
}

var _ app.Scheduler = (*Jobs)(nil)

// ScheduleDigest implements app.Scheduler: one job per user, replaced
// when scheduled again.
func (j *Jobs) ScheduleDigest(ctx context.Context, userID string, at time.Time) error {
	c, err := j.Sidecar.Client(ctx)
	if err != nil {
		return err
	}
	data, err := anypb.New(structpb.NewStringValue(userID))
	if err != nil {
		return err
	}
	due := at.UTC().Format(time.RFC3339)
	job := dapr.NewJob(app.DigestJob(userID), dapr.WithJobDueTime(due), dapr.WithJobData(data),
		dapr.WithJobConstantFailurePolicy(), dapr.WithJobConstantFailurePolicyMaxRetries(10),
		dapr.WithJobConstantFailurePolicyInterval(time.Minute))
	job.Overwrite = true
	if err := c.ScheduleJobAlpha1(ctx, job); err != nil {
		return fmt.Errorf("schedule digest of %s at %s: %w", userID, due, err)
	}
	return nil
}
