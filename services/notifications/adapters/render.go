package adapters

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"github.com/taskrocket/taskrocket/services/notifications/app"
	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

//go:embed templates/*
var templateFiles embed.FS

// Templates is app.Renderer: each message has a text and an HTML
// template (templates/). The HTML templates escape everything they are
// given (names, titles and comment excerpts are other people's words).
type Templates struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

var _ app.Renderer = (*Templates)(nil)

// NewTemplates parses the templates.
func NewTemplates() (*Templates, error) {
	text, err := texttemplate.ParseFS(templateFiles, "templates/*.txt")
	if err != nil {
		return nil, err
	}
	html, err := htmltemplate.ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	return &Templates{text: text, html: html}, nil
}

// kindLabels name the kinds in the words of the preferences screen.
var kindLabels = map[domain.Kind]string{
	domain.KindAssignment: "assignments", domain.KindMention: "mentions", domain.KindComment: "comments on tasks you follow",
	domain.KindTaskUpdate: "changes to tasks you follow", domain.KindReaction: "reactions",
	domain.KindInvitation: "invitations", domain.KindMembership: "project membership", domain.KindProject: "project changes",
}

type digestItem struct {
	N   domain.Notification
	URL string
}

// Notification implements app.Renderer.
func (t *Templates) Notification(to domain.Profile, n domain.Notification, links app.Links) (app.Mail, error) {
	data := map[string]any{"N": n, "Links": links, "KindLabel": kindLabels[n.Kind], "To": to}
	subject := n.Title
	if n.Project != nil && n.Project.Name != "" {
		subject = "[" + n.Project.Name + "] " + subject
	}
	return t.mail("notification", to.Email, subject, data, listHeaders(links, n.EventID))
}

// Digest implements app.Renderer.
func (t *Templates) Digest(to domain.Profile, items []domain.Notification, links app.Links) (app.Mail, error) {
	list := make([]digestItem, len(items))
	for i, n := range items {
		list[i] = digestItem{N: n, URL: links.Base + n.Path}
	}
	subject := fmt.Sprintf("Your TaskRocket digest: %d notification", len(items))
	if len(items) != 1 {
		subject += "s"
	}
	return t.mail("digest", to.Email, subject, map[string]any{"Items": list, "Links": links, "To": to}, listHeaders(links, ""))
}

// Invitation implements app.Renderer.
func (t *Templates) Invitation(to string, n domain.Notification, links app.Links) (app.Mail, error) {
	return t.mail("invitation", to, n.Title, map[string]any{"N": n, "Links": links}, map[string]string{
		"Auto-Submitted": "auto-generated", "X-Entity-Ref-ID": n.EventID,
	})
}

func (t *Templates) mail(name, to, subject string, data any, headers map[string]string) (app.Mail, error) {
	var text, html bytes.Buffer
	if err := t.text.ExecuteTemplate(&text, name+".txt", data); err != nil {
		return app.Mail{}, fmt.Errorf("render %s text: %w", name, err)
	}
	if err := t.html.ExecuteTemplate(&html, name+".html", data); err != nil {
		return app.Mail{}, fmt.Errorf("render %s html: %w", name, err)
	}
	return app.Mail{To: to, Subject: oneLine(subject), Text: text.String(), HTML: html.String(), Headers: headers}, nil
}

// listHeaders make the message unsubscribable in one click (RFC 8058)
// and keep mail clients from threading unrelated notifications.
func listHeaders(links app.Links, ref string) map[string]string {
	h := map[string]string{"Auto-Submitted": "auto-generated"}
	if links.Unsubscribe != "" {
		h["List-Unsubscribe"] = "<" + links.Unsubscribe + ">"
		h["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
	}
	if ref != "" {
		h["X-Entity-Ref-ID"] = ref
	}
	return h
}

// oneLine keeps a subject on one line whatever a title contains.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
