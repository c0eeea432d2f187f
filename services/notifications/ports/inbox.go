package ports

import (
	"bufio"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/httpserver"

	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

func (h *HTTP) list(c *gin.Context) {
	user, ok := h.caller(c)
	if !ok {
		return
	}
	q, err := parseListQuery(c.Request.URL.RawQuery)
	if err != nil {
		h.fail(c, err)
		return
	}
	page, err := h.app.List(c.Request.Context(), user, q.Before, q.Limit, q.UnreadOnly)
	if err != nil {
		h.fail(c, err)
		return
	}
	out := pageDTO{Items: toNotifications(page.Items), UnreadCount: page.UnreadCount}
	if page.Next > 0 {
		next := strconv.FormatInt(page.Next, 10)
		out.NextCursor = &next
	}
	c.JSON(http.StatusOK, out)
}

func (h *HTTP) unreadCount(c *gin.Context) {
	user, ok := h.caller(c)
	if !ok {
		return
	}
	if _, problems := readQuery(c.Request.URL.RawQuery); len(problems) > 0 {
		h.fail(c, problems.QueryErr())
		return
	}
	n, err := h.app.UnreadCount(c.Request.Context(), user)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, unreadDTO{UnreadCount: n})
}

// feed is the long poll behind the live stream (contracts.NotificationFeed).
func (h *HTTP) feed(c *gin.Context) {
	user, ok := h.caller(c)
	if !ok {
		return
	}
	req, err := parseFeedQuery(c.Request.URL.RawQuery)
	if err != nil {
		h.fail(c, err)
		return
	}
	f, err := h.app.Feed(c.Request.Context(), user, req)
	if err != nil {
		if c.Request.Context().Err() != nil {
			return // the caller hung up
		}
		h.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, feedDTO{Items: toNotifications(f.Items), Cursor: strconv.FormatInt(f.Cursor, 10), UnreadCount: f.UnreadCount})
}

func (h *HTTP) markRead(c *gin.Context) {
	user, ok := h.caller(c)
	if !ok {
		return
	}
	seq, ok := parseSeq(c.Param("id"))
	if !ok {
		h.fail(c, domain.ErrNotificationNotFound)
		return
	}
	n, err := h.app.MarkRead(c.Request.Context(), user, seq)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, unreadDTO{UnreadCount: n})
}

func (h *HTTP) markAllRead(c *gin.Context) {
	user, ok := h.caller(c)
	if !ok {
		return
	}
	var req readAllRequest
	if hasBody(c) {
		if err := httpserver.BindJSON(c, &req); err != nil {
			h.fail(c, err)
			return
		}
	}
	var upTo int64
	if req.UpTo != nil {
		seq, ok := parseSeq(*req.UpTo)
		if !ok {
			h.fail(c, invalidField("upTo"))
			return
		}
		upTo = seq
	}
	n, err := h.app.MarkAllRead(c.Request.Context(), user, upTo)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, unreadDTO{UnreadCount: n})
}

// hasBody reports whether the request carries a body, whether or not its
// length was announced (a proxied request may arrive chunked), and leaves
// the body to be read.
func hasBody(c *gin.Context) bool {
	if c.Request.Body == nil || c.Request.ContentLength == 0 {
		return false
	}
	br := bufio.NewReader(c.Request.Body)
	_, err := br.Peek(1)
	c.Request.Body = struct {
		io.Reader
		io.Closer
	}{br, c.Request.Body}
	return err == nil
}
