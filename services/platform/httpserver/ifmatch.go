package httpserver

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// ETag is the entity tag of a version: the version, quoted.
func ETag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// IfMatch reads If-Match as versions: nil when absent or "*" (no
// precondition), otherwise the versions listed. Weak or malformed tags
// match nothing (If-Match compares strongly), so they end in a version
// mismatch.
func IfMatch(c *gin.Context) []int64 {
	raw := strings.TrimSpace(c.GetHeader("If-Match"))
	if raw == "" || raw == "*" {
		return nil
	}
	versions := []int64{}
	for part := range strings.SplitSeq(raw, ",") {
		part = strings.TrimSpace(part)
		if len(part) < 3 || part[0] != '"' || part[len(part)-1] != '"' {
			continue
		}
		if v, err := strconv.ParseInt(part[1:len(part)-1], 10, 64); err == nil && v > 0 {
			versions = append(versions, v)
		}
	}
	return versions
}
