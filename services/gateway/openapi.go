package main

import (
	_ "embed"
	"io"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
	"github.com/taskrocket/taskrocket/services/platform/daprx"
	"github.com/taskrocket/taskrocket/services/platform/httpserver"
)

// openAPIDocument describes the gateway's own endpoints; each service's
// document is published beside it at /api/v1/openapi/{service}.
//
//go:embed openapi.yaml
var openAPIDocument []byte

// serviceOpenAPI publishes every service's OpenAPI document, fetched from
// the service through the sidecar, so API clients find all of them at the
// edge.
func serviceOpenAPI(sidecar *daprx.Sidecar) gin.HandlerFunc {
	return func(c *gin.Context) {
		app := c.Param("service")
		if app == contracts.AppGateway {
			c.Redirect(http.StatusFound, httpserver.OpenAPIPath)
			return
		}
		if !slices.Contains(contracts.Apps, app) {
			fail(c, apperr.NotFound("service_not_found", "no service named "+app))
			return
		}
		resp, err := sidecar.Invoke(c.Request.Context(), http.MethodGet, app, "openapi.json", nil, nil)
		if err != nil {
			fail(c, apperr.Wrap(err, apperr.KindUnavailable, "service_unavailable", app+" is not available"))
			return
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			fail(c, apperr.NotFound("openapi_not_found", app+" does not publish an OpenAPI document yet"))
			return
		}
		c.Header("Cache-Control", "public, max-age=300")
		c.DataFromReader(http.StatusOK, resp.ContentLength, "application/json", io.LimitReader(resp.Body, 4<<20), nil)
	}
}
