package daprx_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/daprx"
)

func TestOnlyFrom(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, caller string
		want         int
	}{
		{"export-200-search", "search", http.StatusOK},
		{"export-403-gateway", "gateway", http.StatusForbidden},
		{"export-403-other-app", "audit", http.StatusForbidden},
		{"export-403-no-caller", "", http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := gin.New()
			e.GET("/internal/export", daprx.OnlyFrom("search"), func(c *gin.Context) { c.Status(http.StatusOK) })
			req := httptest.NewRequest(http.MethodGet, "/internal/export", nil)
			if tc.caller != "" {
				req.Header.Set("dapr-caller-app-id", tc.caller)
			}
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d", rec.Code, tc.want)
			}
		})
	}
}
