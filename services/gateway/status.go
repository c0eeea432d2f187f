package main

import (
	"context"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
)

// serviceStatus is one service's entry on the status page.
type serviceStatus struct {
	Status    string  `json:"status"` // ok | unavailable
	LatencyMS float64 `json:"latencyMs"`
	Error     string  `json:"error,omitempty"`
}

// statusHandler reports whether every service answers its liveness probe
// when called the way API requests reach it: through the sidecars.
func statusHandler(sidecar *daprx.Sidecar) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
		defer cancel()
		var (
			mu  sync.Mutex
			wg  sync.WaitGroup
			out = map[string]serviceStatus{}
		)
		for _, app := range contracts.Apps {
			if app == contracts.AppGateway {
				continue
			}
			wg.Go(func() {
				st := probe(ctx, sidecar, app)
				mu.Lock()
				out[app] = st
				mu.Unlock()
			})
		}
		wg.Wait()
		overall, code := "ok", http.StatusOK
		for _, st := range out {
			if st.Status != "ok" {
				overall, code = "degraded", http.StatusServiceUnavailable
			}
		}
		c.JSON(code, gin.H{"status": overall, "services": out})
	}
}

func probe(ctx context.Context, sidecar *daprx.Sidecar, app string) serviceStatus {
	start := time.Now()
	resp, err := sidecar.Invoke(ctx, http.MethodGet, app, "healthz", nil, nil)
	elapsed := float64(time.Since(start).Microseconds()) / 1000
	if err != nil {
		return serviceStatus{Status: "unavailable", LatencyMS: elapsed, Error: err.Error()}
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return serviceStatus{Status: "unavailable", LatencyMS: elapsed, Error: "HTTP " + resp.Status}
	}
	return serviceStatus{Status: "ok", LatencyMS: elapsed}
}
