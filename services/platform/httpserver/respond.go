package httpserver

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"math"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

func writeError(c *gin.Context, status int, code, message string) {
	c.AbortWithStatusJSON(status, apperr.Body{Error: apperr.BodyError{Code: code, Message: message}})
}

// Fail writes err as the JSON error document. Internal errors are logged
// with the request's context; their text never reaches the client.
func Fail(c *gin.Context, log *slog.Logger, err error) {
	status, body := apperr.HTTP(err)
	if status >= 500 {
		log.ErrorContext(c.Request.Context(), "request failed", "error", err, "path", c.Request.URL.Path)
	}
	var e *apperr.Error
	if errors.As(err, &e) && e.RetryAfter > 0 {
		c.Header("Retry-After", strconv.Itoa(int(math.Ceil(e.RetryAfter.Seconds()))))
	}
	c.AbortWithStatusJSON(status, body)
}

// BindJSON decodes the request body into dst and runs its `binding` tag
// validation. Every failure is an *apperr.Error with a stable code:
// body_too_large, invalid_json, invalid_field_type, validation_failed.
func BindJSON(c *gin.Context, dst any) error {
	if ct := c.ContentType(); ct != "" && ct != "application/json" {
		return apperr.New(apperr.KindUnsupportedMediaType, "unsupported_media_type", "request body must be application/json")
	}
	err := c.ShouldBindJSON(dst)
	if err == nil {
		return nil
	}
	var (
		tooLarge   *http.MaxBytesError
		syntaxErr  *json.SyntaxError
		typeErr    *json.UnmarshalTypeError
		validation validator.ValidationErrors
	)
	switch {
	case errors.As(err, &tooLarge):
		return apperr.New(apperr.KindTooLarge, "body_too_large", "request body is larger than the limit")
	case errors.Is(err, io.EOF):
		return apperr.Invalid("invalid_json", "request body is empty; a JSON object is required")
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.Invalid("invalid_json", "request body is not valid JSON")
	case errors.As(err, &typeErr):
		return apperr.Invalid("invalid_field_type", "field has the wrong type").
			WithDetails(map[string]any{"field": typeErr.Field, "expected": typeErr.Type.String()})
	case errors.As(err, &validation):
		fields := map[string]any{}
		for _, fe := range validation {
			fields[jsonFieldName(fe)] = fe.Tag()
		}
		return apperr.Invalid("validation_failed", "one or more fields are invalid").
			WithDetails(map[string]any{"fields": fields})
	default:
		return apperr.Invalid("invalid_json", "request body could not be decoded")
	}
}

// jsonFieldName reports the field by its JSON name (see useJSONFieldNames).
func jsonFieldName(fe validator.FieldError) string {
	return fe.Field()
}

// useJSONFieldNames makes gin's (process-wide) validator name fields by
// their json tag, so validation details use the names clients send.
func useJSONFieldNames() {
	v, ok := binding.Validator.Engine().(*validator.Validate)
	if !ok {
		return
	}
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || name == "" {
			return f.Name
		}
		return name
	})
}
