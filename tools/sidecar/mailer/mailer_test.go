package mailer

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dapr/components-contrib/bindings"
	"github.com/dapr/components-contrib/metadata"
	"github.com/dapr/kit/logger"
)

func initMailer(t *testing.T, props map[string]string) *mailer {
	t.Helper()
	m := New(logger.NewLogger("test")).(*mailer)
	if err := m.Init(context.Background(), bindings.Metadata{Base: metadata.Base{Properties: props}}); err != nil {
		t.Fatal(err)
	}
	return m
}

func render(t *testing.T, m *mailer, req *bindings.InvokeRequest) string {
	t.Helper()
	msg, err := m.compose(req)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var base = map[string]string{"host": "127.0.0.1", "port": "1025", "emailFrom": "TaskRocket <no-reply@taskrocket.local>"}

func TestMailerSendsTextAndHTMLWithListHeaders(t *testing.T) {
	m := initMailer(t, base)
	out := render(t, m, &bindings.InvokeRequest{Data: []byte("<p>Hello</p>"), Metadata: map[string]string{
		"emailTo": "ada@example.com", "subject": "Ada mentioned you", "textBody": "Hello",
		"headers": `{"List-Unsubscribe":"<https://x/u?t=1>","List-Unsubscribe-Post":"List-Unsubscribe=One-Click"}`,
	}})
	for _, want := range []string{"multipart/alternative", "Content-Type: text/plain", "Content-Type: text/html",
		"List-Unsubscribe: <https://x/u?t=1>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click", "To: ada@example.com"} {
		if !strings.Contains(out, want) {
			t.Errorf("message lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "text/plain") > strings.Index(out, "text/html") {
		t.Error("the text part must come before the HTML part (clients show the last one they can)")
	}
}

func TestMailerWithoutExtrasSendsHTMLLikeUpstream(t *testing.T) {
	m := initMailer(t, base)
	out := render(t, m, &bindings.InvokeRequest{Data: []byte(`"<p>Hi</p>"`), Metadata: map[string]string{"emailTo": "a@x.org;b@x.org", "subject": "Hi"}})
	if strings.Contains(out, "multipart") || !strings.Contains(out, "Content-Type: text/html") || !strings.Contains(out, "<p>Hi</p>") ||
		!strings.Contains(out, "To: a@x.org, b@x.org") {
		t.Fatalf("unexpected message:\n%s", out)
	}
}

func TestMailerRefusesUnsafeRequests(t *testing.T) {
	m := initMailer(t, base)
	tests := map[string]map[string]string{
		"header-not-allowed": {"emailTo": "a@x.org", "subject": "s", "headers": `{"Bcc":"eve@x.org"}`},
		"header-line-break":  {"emailTo": "a@x.org", "subject": "s", "headers": `{"List-Id":"a\r\nBcc: eve@x.org"}`},
		"headers-not-json":   {"emailTo": "a@x.org", "subject": "s", "headers": `List-Id: x`},
		"no-recipient":       {"subject": "s"},
		"no-subject":         {"emailTo": "a@x.org"},
		"bad-priority":       {"emailTo": "a@x.org", "subject": "s", "priority": "9"},
	}
	for name, md := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := m.compose(&bindings.InvokeRequest{Data: []byte("x"), Metadata: md}); err == nil {
				t.Fatal("composed a message from an unsafe or incomplete request")
			}
		})
	}
}

func TestMailerInitChecksTheComponent(t *testing.T) {
	for name, props := range map[string]map[string]string{
		"no-host":           {"port": "25"},
		"user-without-pass": {"host": "h", "port": "25", "user": "u"},
		"bad-priority":      {"host": "h", "port": "25", "priority": "0"},
	} {
		t.Run(name, func(t *testing.T) {
			m := New(logger.NewLogger("test"))
			if err := m.Init(context.Background(), bindings.Metadata{Base: metadata.Base{Properties: props}}); err == nil {
				t.Fatal("Init accepted an incomplete component")
			}
		})
	}
}
