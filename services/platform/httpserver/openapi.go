package httpserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/goccy/go-yaml"
)

// OpenAPIPath is where every service serves its OpenAPI document; the
// gateway publishes them at /api/v1/openapi/{app}.
const OpenAPIPath = "/openapi.json"

// ServeOpenAPI registers GET /openapi.json serving doc, a service's
// OpenAPI document kept as YAML in its repository and embedded in its
// binary. It fails at start if the document is not valid YAML.
func ServeOpenAPI(r gin.IRouter, doc []byte) error {
	raw, err := yaml.YAMLToJSON(doc)
	if err != nil {
		return fmt.Errorf("openapi document: %w", err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return fmt.Errorf("openapi document: %w", err)
	}
	body := compact.Bytes()
	r.GET(OpenAPIPath, func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=300")
		c.Data(http.StatusOK, "application/json", body)
	})
	return nil
}
