package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/authn"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
)

// proxy forwards API requests to the owning service through this app's
// sidecar (Dapr service invocation: mTLS, access control, retries and
// tracing between sidecars). Tokens are checked here first, so a request
// with a bad token never reaches a service; services check them again.
type proxy struct {
	router   *router
	sidecar  *daprx.Sidecar
	verifier *authn.Verifier
	sessions *sessionView
	log      *slog.Logger
	rp       *httputil.ReverseProxy
}

// ctxKeyTarget carries the sidecar URL of the request from handle to
// rewrite, ctxKeyClientIP the client's address, ctxKeySignOut the sign-out
// a successful answer means (to modifyResponse).
type (
	ctxKeyTarget   struct{}
	ctxKeyClientIP struct{}
	ctxKeySignOut  struct{}
)

// pendingSignOut is a forwarded request that signs logins out if the
// service accepts it.
type pendingSignOut struct {
	kind              signOut
	path              string
	userID, sessionID string
	began             time.Time
}

func newProxy(r *router, sidecar *daprx.Sidecar, verifier *authn.Verifier, sessions *sessionView, log *slog.Logger, timeout time.Duration) *proxy {
	p := &proxy{router: r, sidecar: sidecar, verifier: verifier, sessions: sessions, log: log}
	p.rp = &httputil.ReverseProxy{
		Rewrite:        p.rewrite,
		ModifyResponse: p.modifyResponse,
		ErrorHandler:   p.unreachable,
		Transport: &http.Transport{
			MaxIdleConnsPerHost:   256,
			IdleConnTimeout:       90 * time.Second,
			ResponseHeaderTimeout: timeout,
		},
	}
	return p
}

// handle is the gin handler for every /api and /.well-known path.
func (p *proxy) handle(c *gin.Context) {
	// Routing and forwarding use the path as the client escaped it, so an
	// escaped slash stays inside its segment.
	path := c.Request.URL.EscapedPath()
	rt, ok := p.router.match(c.Request.Method, path)
	if !ok {
		fail(c, apperr.NotFound("route_not_found", "no API route for "+c.Request.Method+" "+c.Request.URL.Path))
		return
	}
	began := time.Now()
	var claims *authn.Claims
	if !rt.public {
		token, _ := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
		var err error
		claims, err = p.verifier.Verify(c.Request.Context(), strings.TrimSpace(token))
		if err == nil {
			err = p.sessions.check(c.Request.Context(), claims.SessionID, claims.Subject, claims.ExpiresAt.Time)
		}
		if err != nil {
			c.Header("WWW-Authenticate", `Bearer realm="taskrocket"`)
			fail(c, err)
			return
		}
	}
	target, err := url.Parse(p.sidecar.InvokeURL(rt.app, strings.TrimPrefix(path, "/")))
	if err != nil {
		fail(c, errInvalidPath)
		return
	}
	target.RawQuery = c.Request.URL.RawQuery
	ctx := context.WithValue(c.Request.Context(), ctxKeyTarget{}, target)
	ctx = context.WithValue(ctx, ctxKeyClientIP{}, c.ClientIP())
	if kind := signOutOf(c.Request.Method, path); kind != noSignOut && claims != nil {
		ctx = context.WithValue(ctx, ctxKeySignOut{}, pendingSignOut{kind: kind, path: path,
			userID: claims.Subject, sessionID: claims.SessionID, began: began})
	}
	p.rp.ServeHTTP(c.Writer, c.Request.WithContext(ctx))
}

func (p *proxy) rewrite(pr *httputil.ProxyRequest) {
	target := pr.In.Context().Value(ctxKeyTarget{}).(*url.URL) // set by handle
	pr.Out.URL = target
	pr.Out.Host = target.Host
	// Clients must not be able to speak for a sidecar or another app.
	for name := range pr.Out.Header {
		if strings.HasPrefix(strings.ToLower(name), "dapr-") {
			pr.Out.Header.Del(name)
		}
	}
	// The services see the client's address, as the gateway determined it
	// (GATEWAY_TRUSTED_PROXIES), and nothing the client claimed.
	pr.SetXForwarded()
	if ip, _ := pr.In.Context().Value(ctxKeyClientIP{}).(string); ip != "" {
		pr.Out.Header.Set("X-Forwarded-For", ip)
	}
	p.sidecar.Decorate(pr.In.Context(), pr.Out.Header)
}

// modifyResponse applies a sign-out the service accepted before the
// answer goes back to the client, translates the sidecar's errors, and
// buffers an answer of unknown length.
func (p *proxy) modifyResponse(resp *http.Response) error {
	if so, ok := resp.Request.Context().Value(ctxKeySignOut{}).(pendingSignOut); ok && resp.StatusCode/100 == 2 {
		p.sessions.signedOut(so.kind, so.path, so.userID, so.sessionID, so.began)
	}
	if err := p.translateSidecarErrors(resp); err != nil {
		return err
	}
	return bufferBody(resp)
}

// maxBuffered bounds the answers bufferBody holds in memory.
const maxBuffered = 1 << 20

// bufferBody reads an answer whose length is unknown (the sidecar always
// streams them) into memory when it is at most maxBuffered, and gives it a
// Content-Length: the reverse proxy then copies it in one go instead of
// flushing every read to the client in its own chunk (a write system call
// each), and the client gets a plain, sized answer. Larger answers and
// event streams pass through as they come.
func bufferBody(resp *http.Response) error {
	if resp.ContentLength >= 0 || strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		return nil
	}
	buf, err := io.ReadAll(io.LimitReader(resp.Body, maxBuffered+1))
	if err != nil {
		return err
	}
	if len(buf) > maxBuffered {
		resp.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(buf), resp.Body), resp.Body}
		return nil
	}
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(buf))
	resp.ContentLength = int64(len(buf))
	resp.Header.Set("Content-Length", strconv.Itoa(len(buf)))
	resp.Header.Del("Transfer-Encoding")
	resp.TransferEncoding = nil
	return nil
}

// translateSidecarErrors rewrites the sidecar's own error documents
// ({"errorCode": "ERR_DIRECT_INVOKE", ...}: target down, not allowed) into
// the API's error shape; service responses pass through untouched.
func (p *proxy) translateSidecarErrors(resp *http.Response) error {
	if resp.StatusCode < 400 || resp.Header.Get("Content-Type") != "application/json" {
		return nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if err != nil {
		return err
	}
	var daprErr struct {
		ErrorCode string `json:"errorCode"`
		Message   string `json:"message"`
	}
	if json.Unmarshal(body, &daprErr) != nil || daprErr.ErrorCode == "" {
		resp.Body = io.NopCloser(bytes.NewReader(body))
		return nil
	}
	p.log.WarnContext(resp.Request.Context(), "sidecar refused invocation",
		"dapr_error", daprErr.ErrorCode, "dapr_message", daprErr.Message, "status", resp.StatusCode)
	status, doc := apperr.HTTP(apperr.New(apperr.KindUnavailable, "service_unavailable",
		"the service that handles this request is not available; try again shortly"))
	out, _ := json.Marshal(doc)
	resp.StatusCode = status
	resp.Status = http.StatusText(status)
	resp.Header.Set("Retry-After", "1")
	resp.Header.Set("Content-Length", strconv.Itoa(len(out)))
	resp.Body = io.NopCloser(bytes.NewReader(out))
	return nil
}

func (p *proxy) unreachable(w http.ResponseWriter, r *http.Request, err error) {
	p.log.ErrorContext(r.Context(), "sidecar unreachable", "error", err, "path", r.URL.Path)
	status, doc := apperr.HTTP(apperr.New(apperr.KindUnavailable, "gateway_unavailable",
		"the gateway cannot reach its sidecar; try again shortly"))
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", "1")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(doc)
}

func fail(c *gin.Context, err error) {
	status, body := apperr.HTTP(err)
	c.AbortWithStatusJSON(status, body)
}
