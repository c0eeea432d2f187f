package ports

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

// maxCursorBytes bounds the cursor a client may send back.
const maxCursorBytes = 256

// cursor is the keyset position a list hands out, as opaque base64url
// JSON; clients only echo it back.
type cursor struct {
	CreatedAt time.Time `json:"t"`
	ID        string    `json:"i"`
}

func encodeCursor(p domain.Position) string {
	raw, _ := json.Marshal(cursor{CreatedAt: p.CreatedAt.UTC(), ID: p.ID}) // cannot fail: two plain fields
	return base64.RawURLEncoding.EncodeToString(raw)
}

// decodeCursor reads a cursor back; anything this service did not hand
// out is domain.ErrInvalidCursor.
func decodeCursor(s string) (domain.Position, error) {
	if len(s) > maxCursorBytes {
		return domain.Position{}, domain.ErrInvalidCursor
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return domain.Position{}, domain.ErrInvalidCursor
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var c cursor
	if err := dec.Decode(&c); err != nil || dec.More() {
		return domain.Position{}, domain.ErrInvalidCursor
	}
	id, err := uuid.Parse(c.ID)
	if err != nil || id.String() != c.ID || c.CreatedAt.IsZero() {
		return domain.Position{}, domain.ErrInvalidCursor
	}
	return domain.Position{CreatedAt: c.CreatedAt.UTC(), ID: c.ID}, nil
}

// pageOf reads limit (1..200, default 50) and cursor (absent or empty:
// the first page) from the query.
func pageOf(c *gin.Context) (domain.Page, error) {
	page := domain.Page{Limit: domain.DefaultLimit}
	if raw := c.Query("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > domain.MaxLimit {
			return domain.Page{}, domain.FieldErrors{"limit": "invalid"}.Err()
		}
		page.Limit = n
	}
	if raw := c.Query("cursor"); raw != "" {
		pos, err := decodeCursor(raw)
		if err != nil {
			return domain.Page{}, err
		}
		page.After = &pos
	}
	return page, nil
}
