package ports

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/taskrocket/taskrocket/services/platform/authn"
)

// keysCacheControl lets clients and proxies cache the key documents
// briefly; verifiers refetch on an unknown kid anyway.
const keysCacheControl = "public, max-age=300"

func (h *HTTP) jwks(c *gin.Context) {
	set, err := h.app.Keys().JWKS(c.Request.Context())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("Cache-Control", keysCacheControl)
	c.JSON(http.StatusOK, set)
}

// discoveryDocument is the OpenID Provider metadata this service can
// truthfully publish: it issues access tokens and publishes their keys,
// but runs no authorization endpoint.
type discoveryDocument struct {
	Issuer                           string   `json:"issuer"`
	JWKSURI                          string   `json:"jwks_uri"`
	SubjectTypesSupported            []string `json:"subject_types_supported"`
	IDTokenSigningAlgValuesSupported []string `json:"id_token_signing_alg_values_supported"`
	ClaimsSupported                  []string `json:"claims_supported"`
}

func (h *HTTP) discovery(c *gin.Context) {
	base := strings.TrimRight(h.publicURL, "/")
	c.Header("Cache-Control", keysCacheControl)
	c.JSON(http.StatusOK, discoveryDocument{
		Issuer:                           h.app.Issuer(),
		JWKSURI:                          base + "/" + authn.JWKSPath,
		SubjectTypesSupported:            []string{"public"},
		IDTokenSigningAlgValuesSupported: []string{"EdDSA"},
		ClaimsSupported:                  []string{"iss", "sub", "aud", "exp", "iat", "nbf", "jti", "sid", "preferred_username"},
	})
}
