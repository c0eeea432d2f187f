package logging

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
)

func TestLogLinesCarryRequestAndTraceIDs(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := New(&buf, "users", "v1", "info")
	ctx := WithRequestID(context.Background(), "req-1")
	ctx = WithTraceParent(ctx, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	ctx = WithUserID(ctx, "u-9")
	log.InfoContext(ctx, "hello", "k", 1)
	log.DebugContext(ctx, "hidden at info level")

	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("not one JSON line: %q: %v", buf.String(), err)
	}
	want := map[string]any{
		"service": "users", "version": "v1", "msg": "hello", "request_id": "req-1",
		"trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "user_id": "u-9",
	}
	for k, v := range want {
		if line[k] != v {
			t.Errorf("%s = %v, want %v", k, line[k], v)
		}
	}
}

func TestTraceIDRejectsMalformed(t *testing.T) {
	t.Parallel()
	for _, tp := range []string{"", "garbage", "00-short-00f067aa0ba902b7-01"} {
		if got := TraceID(tp); got != "" {
			t.Errorf("TraceID(%q) = %q, want empty", tp, got)
		}
	}
}
