package domain_test

import (
	"errors"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

func containsField(err error, field string) bool {
	var e *apperr.Error
	if !errors.As(err, &e) {
		return false
	}
	fs, _ := e.Details["fields"].(map[string]any)
	_, ok := fs[field]
	return ok
}
