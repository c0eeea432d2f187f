package daprx

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// Invoker calls another app through the sidecar: *Sidecar, or a fake in
// the tests of a service's clients.
type Invoker interface {
	Invoke(ctx context.Context, verb, appID, method string, body io.Reader, header http.Header) (*http.Response, error)
}

var _ Invoker = (*Sidecar)(nil)

// maxAnswer bounds what is read of another app's answer.
const maxAnswer = 4 << 20

// Answer is how another app answered a Call: its status and, for an error
// answer (not 2xx), the error code of its apperr body ("" when the body
// is not one) and the body itself, for the caller's error message.
type Answer struct {
	Status int
	Code   string
	Body   []byte
}

// NotFound reports a 404 that names a missing thing. A 404 for a route
// the app does not serve (route_not_found: the services' versions do not
// match, or the method is misspelt) is a failure to reach it, not an
// answer.
func (a Answer) NotFound() bool {
	return a.Status == http.StatusNotFound && a.Code != "route_not_found"
}

// Client calls one other app, AppID, through the sidecar, by that app's
// JSON contract (services/contracts).
type Client struct {
	Sidecar Invoker
	AppID   string
}

// Call invokes method on the app with in as the JSON body (nil: none) and
// decodes a 2xx answer into out (nil: the answer is not decoded). Any
// other answer is returned with a nil error for the caller to interpret by
// the contract; failing to reach the app, to read its answer or to decode
// a 2xx answer is an error naming the app and the method.
func (c Client) Call(ctx context.Context, verb, method string, in, out any) (Answer, error) {
	return c.CallAs(ctx, "", verb, method, in, out)
}

// CallAs is Call on behalf of a signed-in user: their Authorization header
// goes with the call, so that the other app applies its own access rules
// to them (its public API, reached through the sidecar). authorization ""
// is Call.
func (c Client) CallAs(ctx context.Context, authorization, verb, method string, in, out any) (Answer, error) {
	appID := c.AppID
	var body io.Reader
	header := http.Header{"Accept": {"application/json"}}
	if authorization != "" {
		header.Set("Authorization", authorization)
	}
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return Answer{}, fmt.Errorf("%s %s: %w", appID, method, err)
		}
		body = bytes.NewReader(raw)
		header.Set("Content-Type", "application/json")
	}
	resp, err := c.Sidecar.Invoke(ctx, verb, appID, method, body, header)
	if err != nil {
		return Answer{}, fmt.Errorf("%s %s: %w", appID, method, err)
	}
	defer resp.Body.Close()
	payload, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return Answer{}, fmt.Errorf("%s %s: read answer: %w", appID, method, err)
	}
	a := Answer{Status: resp.StatusCode}
	if a.Status < 200 || a.Status > 299 {
		var e apperr.Body
		if json.Unmarshal(payload, &e) == nil {
			a.Code = e.Error.Code
		}
		a.Body = payload
		return a, nil
	}
	if out == nil {
		return a, nil
	}
	if err := json.Unmarshal(payload, out); err != nil {
		return Answer{}, fmt.Errorf("%s %s: decode answer: %w", appID, method, err)
	}
	return a, nil
}

// Unexpected is the error for an answer to method that the app's contract
// does not describe.
func (c Client) Unexpected(method string, a Answer) error {
	return fmt.Errorf("%s %s: unexpected HTTP %d %s: %.200s", c.AppID, method, a.Status, a.Code, a.Body)
}
