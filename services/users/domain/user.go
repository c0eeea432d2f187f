// Package domain holds the rules of TaskRocket accounts: what a valid
// profile is, the password policy and how passwords are hashed. It does no
// I/O.
package domain

import (
	"time"

	"github.com/google/uuid"
)

// User is an account.
type User struct {
	ID           string
	Email        string
	Username     string
	DisplayName  string
	PasswordHash string // PHC string, see Hasher
	Timezone     string
	Locale       string
	AvatarURL    string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Profile fields, by their API names (also the values of the user.updated
// event's "changed" list).
const (
	FieldDisplayName = "displayName"
	FieldTimezone    = "timezone"
	FieldLocale      = "locale"
	FieldAvatarURL   = "avatarUrl"
	FieldPassword    = "password"
)

// Registration is a sign-up request as the client sent it.
type Registration struct {
	Email       string
	Username    string
	DisplayName string
	Password    string
	Timezone    string // optional
	Locale      string // optional
}

// NewUser validates a registration and returns the account to create,
// without its password hash. Every invalid field is reported at once;
// the password's own policy is applied by PasswordPolicy afterwards.
func NewUser(r Registration, now time.Time) (User, error) {
	problems := FieldErrors{}
	u := User{CreatedAt: now, UpdatedAt: now, Timezone: DefaultTimezone, Locale: DefaultLocale}
	var p string
	if u.Email, p = NormalizeEmail(r.Email); p != "" {
		problems.Add("email", p)
	}
	if u.Username, p = NormalizeUsername(r.Username); p != "" {
		problems.Add("username", p)
	}
	if u.DisplayName, p = NormalizeDisplayName(r.DisplayName); p != "" {
		problems.Add("displayName", p)
	}
	if r.Timezone != "" {
		if u.Timezone, p = NormalizeTimezone(r.Timezone); p != "" {
			problems.Add("timezone", p)
		}
	}
	if r.Locale != "" {
		if u.Locale, p = NormalizeLocale(r.Locale); p != "" {
			problems.Add("locale", p)
		}
	}
	if p := PasswordProblem(r.Password); p != "" {
		problems.Add("password", p)
	}
	if err := problems.Err(); err != nil {
		return User{}, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return User{}, err
	}
	u.ID = id.String()
	return u, nil
}

// ProfilePatch is a partial profile update; nil fields are left alone.
type ProfilePatch struct {
	DisplayName *string
	Timezone    *string
	Locale      *string
	AvatarURL   *string // "" clears the avatar
}

// Apply validates the patch, applies it to u and returns the fields whose
// value actually changed, in a fixed order. Nothing is applied when a field
// is invalid.
func (u *User) Apply(p ProfilePatch, now time.Time) ([]string, error) {
	next, problems := *u, FieldErrors{}
	check := func(field string, raw *string, normalize func(string) (string, string), dst *string) {
		if raw == nil {
			return
		}
		v, problem := normalize(*raw)
		if problem != "" {
			problems.Add(field, problem)
			return
		}
		*dst = v
	}
	check(FieldDisplayName, p.DisplayName, NormalizeDisplayName, &next.DisplayName)
	check(FieldTimezone, p.Timezone, NormalizeTimezone, &next.Timezone)
	check(FieldLocale, p.Locale, NormalizeLocale, &next.Locale)
	check(FieldAvatarURL, p.AvatarURL, NormalizeAvatarURL, &next.AvatarURL)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	var changed []string
	for _, f := range []struct {
		name     string
		old, new string
	}{
		{FieldDisplayName, u.DisplayName, next.DisplayName},
		{FieldTimezone, u.Timezone, next.Timezone},
		{FieldLocale, u.Locale, next.Locale},
		{FieldAvatarURL, u.AvatarURL, next.AvatarURL},
	} {
		if f.old != f.new {
			changed = append(changed, f.name)
		}
	}
	if len(changed) > 0 {
		next.UpdatedAt = now
		*u = next
	}
	return changed, nil
}
