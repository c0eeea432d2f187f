// Package mailer is the output binding type "bindings.smtp" of our
// sidecar. It accepts everything the upstream SMTP binding accepts (the same component
// and request metadata, the request data being the HTML body) and two
// request metadata keys more, which the upstream binding ignores:
//
//   - textBody: a plain-text version of the message; the mail is then
//     multipart/alternative (text first, HTML second), as mail clients
//     and spam filters expect.
//   - headers: a JSON object of extra header fields, limited to those a
//     notification mail needs (List-Unsubscribe and friends, Message-ID,
//     threading); any other name, or a value with a line break, fails the
//     request instead of reaching the wire.
//
// A component YAML therefore stays a standard Dapr SMTP binding: with the
// official daprd image a message is sent as HTML only, without the extra
// headers.
package mailer

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/gomail.v2"

	"github.com/dapr/components-contrib/bindings"
	"github.com/dapr/components-contrib/metadata"
	"github.com/dapr/kit/logger"
	kitmd "github.com/dapr/kit/metadata"
)

// mailer sends one message per request.
type mailer struct {
	md  mailerMetadata
	log logger.Logger
}

type mailerMetadata struct {
	Host          string `mapstructure:"host"`
	Port          int    `mapstructure:"port"`
	User          string `mapstructure:"user"`
	Password      string `mapstructure:"password"`
	SkipTLSVerify bool   `mapstructure:"skipTLSVerify"`
	EmailFrom     string `mapstructure:"emailFrom"`
	EmailTo       string `mapstructure:"emailTo"`
	EmailCC       string `mapstructure:"emailCC"`
	EmailBCC      string `mapstructure:"emailBCC"`
	Subject       string `mapstructure:"subject"`
	Priority      string `mapstructure:"priority"`
}

// extraHeaders are the header fields a request may add.
var extraHeaders = map[string]bool{
	"List-Unsubscribe": true, "List-Unsubscribe-Post": true, "List-Id": true,
	"Auto-Submitted": true, "Message-ID": true, "In-Reply-To": true, "References": true,
	"Reply-To": true, "X-Entity-Ref-ID": true,
}

// New returns the binding (a bindings.OutputBinding factory).
func New(log logger.Logger) bindings.OutputBinding {
	return &mailer{log: log}
}

func (m *mailer) Init(_ context.Context, md bindings.Metadata) error {
	var parsed mailerMetadata
	if err := kitmd.DecodeMetadata(md.Properties, &parsed); err != nil {
		return fmt.Errorf("smtp binding: %w", err)
	}
	switch {
	case parsed.Host == "" || parsed.Port == 0:
		return errors.New("smtp binding: host and port are required")
	case (parsed.User == "") != (parsed.Password == ""):
		return errors.New("smtp binding: user and password are both set or both empty")
	}
	if _, err := priority(parsed.Priority); err != nil {
		return err
	}
	m.md = parsed
	return nil
}

func (m *mailer) Operations() []bindings.OperationKind {
	return []bindings.OperationKind{bindings.CreateOperation}
}

func (m *mailer) Invoke(_ context.Context, req *bindings.InvokeRequest) (*bindings.InvokeResponse, error) {
	msg, err := m.compose(req)
	if err != nil {
		return nil, fmt.Errorf("smtp binding: %w", err)
	}
	d := gomail.NewDialer(m.md.Host, m.md.Port, m.md.User, m.md.Password)
	if m.md.SkipTLSVerify {
		d.TLSConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // opted into by the component
	}
	if err := d.DialAndSend(msg); err != nil {
		return nil, fmt.Errorf("smtp binding: send: %w", err)
	}
	return nil, nil
}

// compose builds the message of one request: the component's metadata
// overridden by the request's.
func (m *mailer) compose(req *bindings.InvokeRequest) (*gomail.Message, error) {
	pick := func(key, fallback string) string {
		if v := req.Metadata[key]; v != "" {
			return v
		}
		return fallback
	}
	from, to, subject := pick("emailFrom", m.md.EmailFrom), pick("emailTo", m.md.EmailTo), pick("subject", m.md.Subject)
	if from == "" || to == "" || subject == "" {
		return nil, errors.New("emailFrom, emailTo and subject are required (component or request metadata)")
	}
	prio, err := priority(pick("priority", m.md.Priority))
	if err != nil {
		return nil, err
	}
	msg := gomail.NewMessage()
	msg.SetHeader("From", from)
	msg.SetHeader("To", addresses(to)...)
	if cc := pick("emailCC", m.md.EmailCC); cc != "" {
		msg.SetHeader("Cc", addresses(cc)...)
	}
	if bcc := pick("emailBCC", m.md.EmailBCC); bcc != "" {
		msg.SetHeader("Bcc", addresses(bcc)...)
	}
	msg.SetHeader("Subject", subject)
	msg.SetHeader("X-Priority", strconv.Itoa(prio))
	if raw := req.Metadata["headers"]; raw != "" {
		var extra map[string]string
		if err := json.Unmarshal([]byte(raw), &extra); err != nil {
			return nil, fmt.Errorf("headers: want a JSON object of strings: %w", err)
		}
		for name, value := range extra {
			if !extraHeaders[name] {
				return nil, fmt.Errorf("header %q may not be set by a request", name)
			}
			if strings.ContainsAny(value, "\r\n") {
				return nil, fmt.Errorf("header %q: value contains a line break", name)
			}
			msg.SetHeader(name, value)
		}
	}
	html := htmlBody(req.Data)
	if text := req.Metadata["textBody"]; text != "" {
		msg.SetBody("text/plain", text)
		msg.AddAlternative("text/html", html)
	} else {
		msg.SetBody("text/html", html)
	}
	return msg, nil
}

// htmlBody is the request data; over HTTP the sidecar hands a JSON string
// literal, over gRPC the raw bytes.
func htmlBody(data []byte) string {
	if s, err := strconv.Unquote(string(data)); err == nil {
		return s
	}
	return string(data)
}

func addresses(list string) []string {
	var out []string
	for _, a := range strings.Split(list, ";") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// priority reads the X-Priority value: 1 (highest) to 5, default 3.
func priority(s string) (int, error) {
	if s == "" {
		return 3, nil
	}
	p, err := strconv.Atoi(s)
	if err != nil || p < 1 || p > 5 {
		return 0, fmt.Errorf("smtp binding: priority %q: want 1 to 5", s)
	}
	return p, nil
}

func (m *mailer) GetComponentMetadata() (info metadata.MetadataMap) {
	metadata.GetMetadataInfoFromStructType(reflect.TypeOf(mailerMetadata{}), &info, metadata.BindingType)
	return info
}

func (m *mailer) Close() error { return nil }
