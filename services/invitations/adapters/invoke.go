package adapters

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

// Invoker calls another app through the Dapr sidecar (daprx.Sidecar).
type Invoker interface {
	Invoke(ctx context.Context, verb, appID, method string, body io.Reader, header http.Header) (*http.Response, error)
}

// maxAnswer bounds what is read of another service's answer.
const maxAnswer = 1 << 20

// answer is the status of another service's answer and, for an error
// answer, its error code.
type answer struct {
	status int
	code   string
}

// notFound reports a 404 that names a missing thing. A 404 for a route
// the app does not serve (route_not_found: a version mismatch between the
// services) is a failure to reach it, not an answer.
func (a answer) notFound() bool {
	return a.status == http.StatusNotFound && a.code != "route_not_found"
}

// call invokes method on appID with in as the JSON body (nil: none) and
// decodes a 2xx answer into out. Other answers return their status and
// error code with a nil error, for the caller to interpret; failing to
// reach the app, or an undecodable 2xx answer, is an error.
func call(ctx context.Context, sidecar Invoker, appID, verb, method string, in, out any) (answer, error) {
	var body io.Reader
	header := http.Header{"Accept": {"application/json"}}
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return answer{}, fmt.Errorf("%s %s: %w", appID, method, err)
		}
		body = bytes.NewReader(raw)
		header.Set("Content-Type", "application/json")
	}
	resp, err := sidecar.Invoke(ctx, verb, appID, method, body, header)
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: %w", appID, method, err)
	}
	defer resp.Body.Close()
	payload, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: read answer: %w", appID, method, err)
	}
	a := answer{status: resp.StatusCode}
	if a.status < 200 || a.status > 299 {
		var e apperr.Body
		if json.Unmarshal(payload, &e) == nil {
			a.code = e.Error.Code
		}
		return a, nil
	}
	if err := json.Unmarshal(payload, out); err != nil {
		return answer{}, fmt.Errorf("%s %s: decode answer: %w", appID, method, err)
	}
	return a, nil
}

// unexpected is the error for an answer the contract does not describe.
func unexpected(appID, method string, a answer) error {
	return fmt.Errorf("%s %s: unexpected HTTP %d %s", appID, method, a.status, a.code)
}
