package fields

import "github.com/taskrocket/taskrocket/services/platform/apperr"

// Problems maps a request field or query parameter (by the name clients
// send) to what is wrong with it: required, invalid, too_long, or a
// service's own code. A request is checked whole and every invalid field
// reported at once.
type Problems map[string]string

// Add records problem for field unless problem is empty or the field
// already has one: the first problem found is the one reported.
func (p Problems) Add(field, problem string) {
	if problem == "" {
		return
	}
	if _, ok := p[field]; !ok {
		p[field] = problem
	}
}

// Err returns the validation error of a request body for the collected
// problems, or nil. Its shape matches httpserver.BindJSON's:
// validation_failed with details.fields.{name: problem}.
func (p Problems) Err() error {
	return p.err("validation_failed", "one or more fields are invalid")
}

// QueryErr is Err for query parameters: invalid_query.
func (p Problems) QueryErr() error {
	return p.err("invalid_query", "one or more query parameters are invalid")
}

func (p Problems) err(code, message string) error {
	if len(p) == 0 {
		return nil
	}
	details := make(map[string]any, len(p))
	for k, v := range p {
		details[k] = v
	}
	return apperr.Invalid(code, message).WithDetails(map[string]any{"fields": details})
}
