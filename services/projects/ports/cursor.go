package ports

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// Cursors are opaque to clients: base64url (no padding) of a small JSON
// object holding the keyset position of the last item of a page. Anything
// that does not decode to a well-formed position is invalid_cursor.

type projectPosition struct {
	Name string `json:"n"`
	ID   string `json:"i"`
}

type memberPosition struct {
	JoinedAt time.Time `json:"t"`
	UserID   string    `json:"u"`
}

func encodeCursor(v any) string {
	raw, _ := json.Marshal(v) // plain strings and times always marshal
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string, dst any) bool {
	if len(s) > 1024 {
		return false
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && json.Unmarshal(raw, dst) == nil
}

func projectCursor(s string) (*domain.ProjectCursor, error) {
	if s == "" {
		return nil, nil
	}
	var p projectPosition
	if !decodeCursor(s, &p) || !utf8.ValidString(p.Name) || utf8.RuneCountInString(p.Name) > domain.MaxNameRunes {
		return nil, domain.ErrInvalidCursor
	}
	id, ok := domain.ParseID(p.ID)
	if !ok {
		return nil, domain.ErrInvalidCursor
	}
	return &domain.ProjectCursor{Name: p.Name, ID: id}, nil
}

func memberCursor(s string) (*domain.MemberCursor, error) {
	if s == "" {
		return nil, nil
	}
	var p memberPosition
	if !decodeCursor(s, &p) || p.JoinedAt.IsZero() {
		return nil, domain.ErrInvalidCursor
	}
	id, ok := domain.ParseID(p.UserID)
	if !ok {
		return nil, domain.ErrInvalidCursor
	}
	return &domain.MemberCursor{JoinedAt: p.JoinedAt, UserID: id}, nil
}

// pageLimit reads ?limit (1..200, default 50).
func pageLimit(c *gin.Context, problems domain.FieldErrors) int {
	raw, ok := c.GetQuery("limit")
	if !ok {
		return domain.DefaultLimit
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > domain.MaxLimit {
		problems.Add("limit", domain.ProblemInvalid)
		return 0
	}
	return n
}
