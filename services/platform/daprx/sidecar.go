// Package daprx is the one door to the Dapr sidecar: a lazily created
// go-sdk client, readiness, service invocation over the sidecar's HTTP API,
// raw CloudEvent publishing, and the guards for sidecar-to-app calls.
package daprx

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	dapr "github.com/dapr/go-sdk/client"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"
	"github.com/taskrocket/taskrocket/services/platform/logging"
)

// Config is the sidecar configuration Dapr gives every app through its
// standard environment variables; services embed it in their own config.
type Config struct {
	HTTPPort int    `env:"DAPR_HTTP_PORT,noprefix" default:"3500"`
	GRPCPort int    `env:"DAPR_GRPC_PORT,noprefix" default:"50001"`
	APIToken string `env:"DAPR_API_TOKEN,noprefix"` // app -> sidecar
	AppToken string `env:"APP_API_TOKEN,noprefix"`  // sidecar -> app
}

// Sidecar talks to this app's daprd.
type Sidecar struct {
	cfg  Config
	http *http.Client

	mu     sync.Mutex
	client dapr.Client
}

// New returns a Sidecar; no connection is made until one is needed.
func New(cfg Config) *Sidecar {
	return &Sidecar{cfg: cfg, http: &http.Client{Timeout: 30 * time.Second, Transport: sidecarTransport()}}
}

// sidecarTransport keeps connections to the sidecar open for reuse. Every
// request goes to the one local daprd, so the default of two idle
// connections per host would make concurrent requests (a token check and a
// membership check per API call) open and close a connection each time,
// which costs more CPU in the app and in daprd than the call itself.
func sidecarTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil // the sidecar is local; HTTP_PROXY must not apply
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 256
	t.IdleConnTimeout = 90 * time.Second
	return t
}

// Config returns the sidecar settings.
func (s *Sidecar) Config() Config { return s.cfg }

// Client returns the process's single go-sdk client, creating it on first
// use. NewClient blocks until the sidecar answers, so creation is lazy and
// retried on the next call if it failed.
func (s *Sidecar) Client(ctx context.Context) (dapr.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client != nil {
		return s.client, nil
	}
	c, err := dapr.NewClientWithAddressContext(ctx, "127.0.0.1:"+strconv.Itoa(s.cfg.GRPCPort))
	if err != nil {
		return nil, fmt.Errorf("connect to dapr sidecar: %w", err)
	}
	if s.cfg.APIToken != "" {
		c.WithAuthToken(s.cfg.APIToken)
	}
	s.client = c
	return c, nil
}

// Close releases the gRPC connection, if one was made.
func (s *Sidecar) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client != nil {
		s.client.Close()
		s.client = nil
	}
}

// Ready reports whether the sidecar can serve outbound calls (components
// initialised). It does not depend on this app being ready, so it can be a
// readiness check without a startup deadlock.
func (s *Sidecar) Ready(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.baseURL()+"/v1.0/healthz/outbound", nil)
	if err != nil {
		return err
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return fmt.Errorf("dapr sidecar unreachable: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode >= 300 {
		return fmt.Errorf("dapr sidecar not ready: HTTP %d", resp.StatusCode)
	}
	return nil
}

func (s *Sidecar) baseURL() string {
	return "http://127.0.0.1:" + strconv.Itoa(s.cfg.HTTPPort)
}

// InvokeURL is the sidecar URL that reaches method on appID.
func (s *Sidecar) InvokeURL(appID, method string) string {
	return s.baseURL() + "/v1.0/invoke/" + appID + "/method/" + method
}

// Invoke calls method on appID through the sidecar (mTLS, access control,
// retries and tracing are the sidecar's). The request id, traceparent and
// the API token are added; the caller closes the response body.
func (s *Sidecar) Invoke(ctx context.Context, verb, appID, method string, body io.Reader, header http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, verb, s.InvokeURL(appID, method), body)
	if err != nil {
		return nil, fmt.Errorf("build invocation of %s/%s: %w", appID, method, err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	s.Decorate(ctx, req.Header)
	resp, err := s.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("invoke %s/%s: %w", appID, method, err)
	}
	resp.Body = drainOnClose{resp.Body}
	return resp, nil
}

// drainOnClose reads what the caller left of a small answer before closing
// it: a connection goes back to the pool only once its body was read to
// the end, and a JSON decoder stops before the final newline.
type drainOnClose struct{ io.ReadCloser }

func (d drainOnClose) Close() error {
	_, _ = io.Copy(io.Discard, io.LimitReader(d.ReadCloser, 64<<10))
	return d.ReadCloser.Close()
}

// Decorate adds the API token and the request's correlation headers to an
// outgoing sidecar request.
func (s *Sidecar) Decorate(ctx context.Context, h http.Header) {
	if s.cfg.APIToken != "" {
		h.Set("dapr-api-token", s.cfg.APIToken)
	}
	if id := logging.RequestID(ctx); id != "" {
		h.Set(httpserver.HeaderRequestID, id)
	}
	if tp := logging.TraceParent(ctx); tp != "" {
		h.Set("traceparent", tp)
	}
}
