package daprx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	dapr "github.com/dapr/go-sdk/client"
	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/logging"
)

// Publish sends a structured CloudEvent's bytes to topic. The content type
// tells the sidecar the payload already is a CloudEvent, so it is not
// wrapped again (the go-sdk would wrap a struct or map).
func (s *Sidecar) Publish(ctx context.Context, pubsub, topic string, cloudEvent []byte) error {
	c, err := s.Client(ctx)
	if err != nil {
		return err
	}
	if err := c.PublishEvent(ctx, pubsub, topic, cloudEvent,
		dapr.PublishEventWithContentType(events.ContentType)); err != nil {
		return fmt.Errorf("publish to %s/%s: %w", pubsub, topic, err)
	}
	return nil
}

// Outcome is a subscriber's answer to the sidecar for one delivery.
type Outcome string

const (
	// Success acknowledges the message.
	Success Outcome = "SUCCESS"
	// Retry asks for redelivery (per the resiliency policy, then dead letter).
	Retry Outcome = "RETRY"
	// Drop discards a message that can never be processed (it is logged).
	Drop Outcome = "DROP"
)

// ErrDrop marks an error as permanent: the handler's message will never
// succeed (malformed, unknown version), so it is dropped instead of retried.
var ErrDrop = errors.New("message cannot be processed")

// EventHandler processes one delivered event. Returning nil acknowledges
// it; an error wrapping ErrDrop drops it; any other error retries it.
// Handlers must be idempotent on ev.ID: delivery is at least once.
type EventHandler func(ctx context.Context, ev events.Event) error

// Subscriber turns an EventHandler into the gin route a declarative
// Subscription delivers to. Only the sidecar (APP_API_TOKEN) may call it.
func Subscriber(log *slog.Logger, appToken string, handle EventHandler) gin.HandlersChain {
	return gin.HandlersChain{RequireAppToken(appToken), func(c *gin.Context) {
		ctx := c.Request.Context()
		body, err := io.ReadAll(c.Request.Body)
		if err != nil {
			c.JSON(http.StatusOK, gin.H{"status": Retry})
			return
		}
		ev, err := events.Parse(body)
		if err != nil {
			log.WarnContext(ctx, "dropping malformed event", "error", err)
			c.JSON(http.StatusOK, gin.H{"status": Drop})
			return
		}
		if ev.TraceParent != "" {
			ctx = logging.WithTraceParent(ctx, ev.TraceParent)
		}
		outcome := Success
		if err := handle(ctx, ev); err != nil {
			outcome = Retry
			if errors.Is(err, ErrDrop) {
				outcome = Drop
			}
			log.WarnContext(ctx, "event not processed", "event_id", ev.ID, "type", ev.Type,
				"topic", ev.Topic, "outcome", outcome, "error", err)
		}
		c.JSON(http.StatusOK, gin.H{"status": outcome})
	}}
}
