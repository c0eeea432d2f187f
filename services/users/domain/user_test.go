package domain

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

func fieldsOf(t *testing.T, err error) map[string]any {
	t.Helper()
	var e *apperr.Error
	if !errors.As(err, &e) || e.Code != "validation_failed" {
		t.Fatalf("want validation_failed, got %v", err)
	}
	fields, _ := e.Details["fields"].(map[string]any)
	return fields
}

func TestNewUser(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	u, err := NewUser(Registration{Email: "Ada@Example.com", Username: "AdaL", DisplayName: " Ada ", Password: "correct horse battery"}, now)
	if err != nil {
		t.Fatal(err)
	}
	id, err := uuid.Parse(u.ID)
	if err != nil || id.Version() != 7 {
		t.Fatalf("id %q is not a UUIDv7", u.ID)
	}
	want := User{ID: u.ID, Email: "ada@example.com", Username: "adal", DisplayName: "Ada", Timezone: "UTC", Locale: "en", CreatedAt: now, UpdatedAt: now}
	if u != want {
		t.Fatalf("got %+v\nwant %+v", u, want)
	}
}

func TestNewUserReportsEveryInvalidField(t *testing.T) {
	t.Parallel()
	_, err := NewUser(Registration{Email: "nope", Username: "a", DisplayName: "", Timezone: "Mars/Base", Locale: "!!", Password: ""}, time.Now())
	got := fieldsOf(t, err)
	want := map[string]any{"email": "invalid", "username": "invalid", "displayName": "required",
		"timezone": "invalid", "locale": "invalid", "password": "required"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("fields = %v, want %v", got, want)
	}
}

func TestApplyProfilePatch(t *testing.T) {
	t.Parallel()
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	later := created.Add(time.Hour)
	base := User{ID: "u1", DisplayName: "Ada", Timezone: "UTC", Locale: "en", CreatedAt: created, UpdatedAt: created}
	ptr := func(s string) *string { return &s }

	t.Run("only-changed-fields", func(t *testing.T) {
		t.Parallel()
		u := base
		changed, err := u.Apply(ProfilePatch{DisplayName: ptr("Ada"), Timezone: ptr("Europe/Warsaw"), Locale: ptr("en")}, later)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(changed, []string{FieldTimezone}) || u.Timezone != "Europe/Warsaw" || !u.UpdatedAt.Equal(later) {
			t.Fatalf("changed=%v user=%+v", changed, u)
		}
	})
	t.Run("nothing-changed", func(t *testing.T) {
		t.Parallel()
		u := base
		changed, err := u.Apply(ProfilePatch{DisplayName: ptr(" Ada "), Locale: ptr("EN")}, later)
		if err != nil || len(changed) != 0 || u != base {
			t.Fatalf("changed=%v err=%v user=%+v", changed, err, u)
		}
	})
	t.Run("avatar-set-and-cleared", func(t *testing.T) {
		t.Parallel()
		u := base
		if changed, _ := u.Apply(ProfilePatch{AvatarURL: ptr("https://cdn.example.com/a.png")}, later); !reflect.DeepEqual(changed, []string{FieldAvatarURL}) {
			t.Fatalf("set: %v", changed)
		}
		if changed, _ := u.Apply(ProfilePatch{AvatarURL: ptr("")}, later); !reflect.DeepEqual(changed, []string{FieldAvatarURL}) || u.AvatarURL != "" {
			t.Fatalf("clear: %v %q", changed, u.AvatarURL)
		}
	})
	t.Run("invalid-applies-nothing", func(t *testing.T) {
		t.Parallel()
		u := base
		_, err := u.Apply(ProfilePatch{DisplayName: ptr("Grace"), Timezone: ptr("Nowhere/Else")}, later)
		if f := fieldsOf(t, err); !reflect.DeepEqual(f, map[string]any{"timezone": "invalid"}) {
			t.Fatalf("fields = %v", f)
		}
		if u != base {
			t.Fatalf("an invalid patch changed the user: %+v", u)
		}
	})
}
