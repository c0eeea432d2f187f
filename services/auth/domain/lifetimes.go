package domain

import (
	"errors"
	"fmt"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// MaxAccessTTL bounds access tokens: they cannot be revoked by every
// verifier, so their lifetime is what a stolen one is worth.
const MaxAccessTTL = contracts.MaxAccessTokenLifetime

// Lifetimes are the token and session lifetimes of the deployment.
type Lifetimes struct {
	Access  time.Duration // access token lifetime
	Refresh time.Duration // refresh token lifetime, renewed on each rotation
	Session time.Duration // absolute lifetime of a login, whatever its activity
}

// Validate rejects lifetimes that would weaken the token model.
func (l Lifetimes) Validate() error {
	var errs []error
	if l.Access <= 0 || l.Access > MaxAccessTTL {
		errs = append(errs, fmt.Errorf("access token lifetime %s must be above 0 and at most %s", l.Access, MaxAccessTTL))
	}
	if l.Refresh <= l.Access {
		errs = append(errs, fmt.Errorf("refresh token lifetime %s must be longer than the access token lifetime %s", l.Refresh, l.Access))
	}
	if l.Session < l.Refresh {
		errs = append(errs, fmt.Errorf("session lifetime %s must be at least the refresh token lifetime %s", l.Session, l.Refresh))
	}
	return errors.Join(errs...)
}
