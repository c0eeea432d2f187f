package ports

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/collaboration/app"
	"github.com/taskrocket/taskrocket/services/collaboration/domain"
)

// A list cursor is opaque to clients: base64url of the list's order and
// the id of the last comment served. It only moves within a conversation
// the caller may read, so a forged one reveals nothing.
type cursorDoc struct {
	Order app.Order `json:"o"`
	After string    `json:"a"`
}

func encodeCursor(o app.Order, after string) string {
	raw, _ := json.Marshal(cursorDoc{Order: o, After: after})
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string, o app.Order) (string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	var d cursorDoc
	if len(s) > 512 || err != nil || json.Unmarshal(raw, &d) != nil || d.Order != o {
		return "", domain.ErrInvalidCursor
	}
	id, ok := domain.ParseID(d.After)
	if !ok {
		return "", domain.ErrInvalidCursor
	}
	return id, nil
}

// pageQuery reads ?order=oldest|newest (default oldest: a conversation
// reads top to bottom), ?limit=1..100 (default 50) and ?cursor=.
func pageQuery(rawQuery string) (app.PageQuery, error) {
	v, err := url.ParseQuery(rawQuery)
	if err != nil {
		return app.PageQuery{}, badQuery("query", domain.ProblemInvalid)
	}
	problems := domain.FieldErrors{}
	for k := range v {
		if k != "order" && k != "limit" && k != "cursor" {
			problems.Add(k, "unknown")
		}
	}
	q := app.PageQuery{Order: app.OldestFirst, Limit: domain.DefaultPageSize}
	switch o := v.Get("order"); o {
	case "", string(app.OldestFirst):
	case string(app.NewestFirst):
		q.Order = app.NewestFirst
	default:
		problems.Add("order", domain.ProblemInvalid)
	}
	q.Limit, err = limitParam(v, domain.DefaultPageSize, domain.MaxPageSize)
	if err != nil {
		problems.Add("limit", domain.ProblemInvalid)
	}
	if err := problems.QueryErr(); err != nil {
		return app.PageQuery{}, err
	}
	if c := v.Get("cursor"); c != "" {
		if q.After, err = decodeCursor(c, q.Order); err != nil {
			return app.PageQuery{}, err
		}
	}
	return q, nil
}

func limitParam(v url.Values, def, maxLimit int) (int, error) {
	raw := v.Get("limit")
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > maxLimit {
		return 0, domain.ErrInvalidCursor // any error: the caller reports the field
	}
	return n, nil
}

func badQuery(field, problem string) error {
	p := domain.FieldErrors{}
	p.Add(field, problem)
	return p.QueryErr()
}

func (h *HTTP) listTaskComments(c *gin.Context) {
	h.list(c, func(caller app.Caller, q app.PageQuery) (app.Page, error) {
		return h.app.TaskComments(c.Request.Context(), caller, c.Param("taskId"), q)
	})
}

func (h *HTTP) listProjectComments(c *gin.Context) {
	h.list(c, func(caller app.Caller, q app.PageQuery) (app.Page, error) {
		return h.app.ProjectComments(c.Request.Context(), caller, c.Param("projectId"), q)
	})
}

func (h *HTTP) list(c *gin.Context, read func(caller app.Caller, q app.PageQuery) (app.Page, error)) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	q, err := pageQuery(c.Request.URL.RawQuery)
	if err != nil {
		h.fail(c, err)
		return
	}
	page, err := read(caller, q)
	if err != nil {
		h.fail(c, err)
		return
	}
	out := commentListDTO{Items: make([]commentDTO, 0, len(page.Items)), Total: page.Total}
	for _, cm := range page.Items {
		out.Items = append(out.Items, toComment(cm, page.Authors, caller.UserID))
	}
	if page.Next != "" {
		out.NextCursor = encodeCursor(q.Order, page.Next)
	}
	c.JSON(http.StatusOK, out)
}

// commentCounts answers ?taskIds=a,b,c (1 to 200 task ids) with each
// task's number of comments.
func (h *HTTP) commentCounts(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	v, err := url.ParseQuery(c.Request.URL.RawQuery)
	problems := domain.FieldErrors{}
	if err != nil {
		problems.Add("query", domain.ProblemInvalid)
	}
	var ids []string
	for _, raw := range strings.Split(v.Get("taskIds"), ",") {
		if raw == "" {
			continue
		}
		id, ok := domain.ParseID(raw)
		if !ok {
			problems.Add("taskIds", domain.ProblemInvalid)
			break
		}
		ids = append(ids, id)
	}
	switch {
	case len(ids) == 0:
		problems.Add("taskIds", domain.ProblemRequired)
	case len(ids) > domain.MaxCountTaskIDs:
		problems.Add("taskIds", domain.ProblemTooMany)
	}
	for k := range v {
		if k != "taskIds" {
			problems.Add(k, "unknown")
		}
	}
	if err := problems.QueryErr(); err != nil {
		h.fail(c, err)
		return
	}
	counts, err := h.app.CommentCounts(c.Request.Context(), caller, c.Param("projectId"), ids)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"counts": counts})
}

// mentionable answers ?q=prefix&limit=1..20 (default 10) with the members
// the caller may mention.
func (h *HTTP) mentionable(c *gin.Context) {
	caller, ok := h.caller(c)
	if !ok {
		return
	}
	v, err := url.ParseQuery(c.Request.URL.RawQuery)
	problems := domain.FieldErrors{}
	if err != nil {
		problems.Add("query", domain.ProblemInvalid)
	}
	limit, err := limitParam(v, 10, domain.MaxMentionableLimit)
	if err != nil {
		problems.Add("limit", domain.ProblemInvalid)
	}
	prefix := v.Get("q")
	if len(prefix) > 64 {
		problems.Add("q", domain.ProblemTooLong)
	}
	for k := range v {
		if k != "q" && k != "limit" {
			problems.Add(k, "unknown")
		}
	}
	if err := problems.QueryErr(); err != nil {
		h.fail(c, err)
		return
	}
	members, err := h.app.Mentionable(c.Request.Context(), caller, c.Param("projectId"), prefix, limit)
	if err != nil {
		h.fail(c, err)
		return
	}
	out := make([]memberDTO, 0, len(members))
	for _, m := range members {
		out = append(out, memberDTO{UserID: m.UserID, Username: m.Username, DisplayName: m.DisplayName})
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}
