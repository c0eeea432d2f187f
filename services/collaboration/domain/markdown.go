package domain

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown renders comment bodies: CommonMark plus GitHub's tables,
// strikethrough and autolinks, with raw HTML left out, then sanitised by
// an allow-list (bluemonday's user-generated-content policy), so that no
// script, event handler or javascript: link survives even if the renderer
// let one through. An "@username" outside code and links is a mention;
// resolved mentions become <span class="mention" data-user-id="…">.
type Markdown struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// NewMarkdown returns the renderer (safe for concurrent use).
func NewMarkdown() *Markdown {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(mentionParser{}, 500))),
		goldmark.WithRendererOptions(html.WithHardWraps(),
			renderer.WithNodeRenderers(util.Prioritized(mentionRenderer{}, 500))),
	)
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^mention$`)).OnElements("span")
	p.AllowAttrs("data-user-id").Matching(regexp.MustCompile(`^[0-9a-f-]{36}$`)).OnElements("span")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[A-Za-z0-9_+-]{1,32}$`)).OnElements("code")
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return &Markdown{md: md, policy: p}
}

// Mentions returns the usernames body mentions (lower-cased, in order of
// first mention, each once), at most MaxMentions of them.
func (m *Markdown) Mentions(body string) []string {
	doc := m.md.Parser().Parse(text.NewReader([]byte(body)))
	var names []string
	seen := map[string]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if mn, ok := n.(*mentionNode); ok && entering && !seen[mn.username] && len(names) < MaxMentions {
			seen[mn.username] = true
			names = append(names, mn.username)
		}
		return ast.WalkContinue, nil
	})
	return names
}

// Render returns body's sanitised HTML and the ids of the people it
// mentions, given the members' ids by lower-cased username; a mention of
// anyone else stays plain text.
func (m *Markdown) Render(body string, members map[string]string) (string, []string) {
	src := []byte(body)
	doc := m.md.Parser().Parse(text.NewReader(src))
	var ids []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		mn, ok := n.(*mentionNode)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := members[mn.username]; ok {
			mn.userID = id
			if !containsString(ids, id) && len(ids) < MaxMentions {
				ids = append(ids, id)
			}
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := m.md.Renderer().Render(&buf, src, doc); err != nil {
		return "", ids // rendering to memory does not fail
	}
	return strings.TrimSpace(m.policy.Sanitize(buf.String())), ids
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

var kindMention = ast.NewNodeKind("Mention")

// mentionNode is "@username" in the text.
type mentionNode struct {
	ast.BaseInline
	username string // lower-cased
	userID   string // set when the username is a member's
}

func (n *mentionNode) Kind() ast.NodeKind { return kindMention }

func (n *mentionNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"username": n.username}, nil)
}

// usernameAt matches a username as the users service allows them.
var usernameAt = regexp.MustCompile(`^@([A-Za-z0-9][A-Za-z0-9_.-]{2,31})`)

type mentionParser struct{}

func (mentionParser) Trigger() []byte { return []byte{'@'} }

// Parse takes "@name" when it does not continue a word (so
// ada@example.com is no mention). Trailing dots and dashes end a
// sentence, not a name.
func (mentionParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	if prev := block.PrecendingCharacter(); unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune("_.-@/", prev) {
		return nil
	}
	line, _ := block.PeekLine()
	match := usernameAt.FindSubmatch(line)
	if match == nil {
		return nil
	}
	name := strings.TrimRight(string(match[1]), ".-")
	if len(name) < 3 {
		return nil
	}
	block.Advance(1 + len(name))
	return &mentionNode{username: strings.ToLower(name)}
}

type mentionRenderer struct{}

func (mentionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMention, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		mn := n.(*mentionNode)
		if mn.userID == "" {
			_, _ = w.WriteString("@" + mn.username)
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(`<span class="mention" data-user-id="` + mn.userID + `">@` + mn.username + `</span>`)
		return ast.WalkContinue, nil
	})
}
