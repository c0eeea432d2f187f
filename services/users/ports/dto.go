package ports

import (
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/apperr"

	"github.com/taskrocket/taskrocket/services/users/domain"
)

// Requests. Fields are plain strings: a missing field and an empty one are
// refused alike by the domain's validation, which reports every field at
// once. Pointers in the PATCH body tell "leave alone" (absent or null)
// from a value.

type signUpRequest struct {
	Email       string `json:"email"`
	Username    string `json:"username"`
	DisplayName string `json:"displayName"`
	Password    string `json:"password"`
	Timezone    string `json:"timezone"`
	Locale      string `json:"locale"`
	// SignIn asks for the new account's first session in the answer.
	SignIn bool `json:"signIn"`
}

type loginRequest struct {
	Login    string `json:"login"`
	Password string `json:"password"`
}

type updateProfileRequest struct {
	DisplayName *string `json:"displayName"`
	Timezone    *string `json:"timezone"`
	Locale      *string `json:"locale"`
	AvatarURL   *string `json:"avatarUrl"`
}

type changePasswordRequest struct {
	CurrentPassword string `json:"currentPassword"`
	NewPassword     string `json:"newPassword"`
}

type deleteAccountRequest struct {
	Password string `json:"password"`
}

// Responses.

// profile is the account as its owner sees it.
type profile struct {
	ID          string    `json:"id"`
	Email       string    `json:"email"`
	Username    string    `json:"username"`
	DisplayName string    `json:"displayName"`
	Timezone    string    `json:"timezone"`
	Locale      string    `json:"locale"`
	AvatarURL   string    `json:"avatarUrl"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// publicUser is what other signed-in people may see; never the email.
type publicUser struct {
	ID          string `json:"id"`
	Username    string `json:"username"`
	DisplayName string `json:"displayName"`
	AvatarURL   string `json:"avatarUrl"`
}

type userEnvelope[T any] struct {
	User T `json:"user"`
}

// signUpResponse is the new account, with its first session when the
// request asked for one; sessionError says why an asked-for session is
// missing (the account exists all the same).
type signUpResponse struct {
	User         profile              `json:"user"`
	Session      *contracts.TokenPair `json:"session,omitempty"`
	SessionError *apperr.BodyError    `json:"sessionError,omitempty"`
}

type loginResponse struct {
	contracts.TokenPair
	User profile `json:"user"`
}

func toProfile(u domain.User) profile {
	return profile{
		ID: u.ID, Email: u.Email, Username: u.Username, DisplayName: u.DisplayName, Timezone: u.Timezone,
		Locale: u.Locale, AvatarURL: u.AvatarURL, CreatedAt: u.CreatedAt.UTC(), UpdatedAt: u.UpdatedAt.UTC(),
	}
}

func toPublicUser(u domain.User) publicUser {
	return publicUser{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, AvatarURL: u.AvatarURL}
}

func toUserRef(u domain.User) contracts.UserRef {
	return contracts.UserRef{
		ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Email: u.Email,
		Locale: u.Locale, Timezone: u.Timezone, AvatarURL: u.AvatarURL,
	}
}
