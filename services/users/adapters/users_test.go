package adapters_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/users/adapters"
	"github.com/taskrocket/taskrocket/services/users/domain"
)

func newUser(username string) domain.User {
	now := time.Now().UTC().Truncate(time.Microsecond)
	return domain.User{ID: uuid.Must(uuid.NewV7()).String(), Email: username + "@example.com", Username: username,
		DisplayName: username, PasswordHash: "$argon2id$x", Timezone: "UTC", Locale: "en", CreatedAt: now, UpdatedAt: now}
}

func event(t *testing.T) events.Event {
	ev, err := events.New("/users", "taskrocket.user.updated.v1", "x", map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestUsersStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	s := adapters.NewUsers(db)

	ada := newUser("ada")
	if err := s.Create(ctx, ada, event(t)); err != nil {
		t.Fatal(err)
	}
	dupEmail, dupName := newUser("other"), newUser("ada")
	dupEmail.Email = ada.Email
	dupName.Email = "else@example.com"
	if err := s.Create(ctx, dupEmail, event(t)); !errors.Is(err, domain.ErrEmailTaken) {
		t.Fatalf("duplicate email: %v", err)
	}
	if err := s.Create(ctx, dupName, event(t)); !errors.Is(err, domain.ErrUsernameTaken) {
		t.Fatalf("duplicate username: %v", err)
	}

	got, err := s.ByUsername(ctx, "ada")
	if err != nil || got != ada {
		t.Fatalf("ByUsername: %+v %v\nwant %+v", got, err, ada)
	}

	// A failing change rolls back: nothing written, no event.
	boom := errors.New("boom")
	_, err = s.Update(ctx, ada.ID, func(u *domain.User) ([]string, *events.Event, error) {
		u.DisplayName = "Changed"
		return nil, nil, boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("update error %v", err)
	}
	if got, _ := s.ByID(ctx, ada.ID); got.DisplayName != "ada" {
		t.Fatal("a failed change was written")
	}
	// Fields not named are not written even if the change touched them.
	updated, err := s.Update(ctx, ada.ID, func(u *domain.User) ([]string, *events.Event, error) {
		u.DisplayName, u.Timezone = "Ada L", "Europe/Warsaw"
		return []string{domain.FieldTimezone}, nil, nil
	})
	if err != nil || updated.Timezone != "Europe/Warsaw" {
		t.Fatal(err)
	}
	if got, _ := s.ByID(ctx, ada.ID); got.DisplayName != "ada" || got.Timezone != "Europe/Warsaw" {
		t.Fatalf("stored %+v", got)
	}

	if err := s.Delete(ctx, ada.ID, event(t)); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, ada.ID, event(t)); !errors.Is(err, domain.ErrUserNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	for _, lookup := range []func() (domain.User, error){
		func() (domain.User, error) { return s.ByID(ctx, ada.ID) },
		func() (domain.User, error) { return s.ByEmail(ctx, ada.Email) },
		func() (domain.User, error) { return s.ByUsername(ctx, ada.Username) },
	} {
		if _, err := lookup(); !errors.Is(err, domain.ErrUserNotFound) {
			t.Fatalf("deleted account still found: %v", err)
		}
	}
	if _, err := s.Update(ctx, ada.ID, func(u *domain.User) ([]string, *events.Event, error) {
		return []string{domain.FieldTimezone}, nil, nil
	}); !errors.Is(err, domain.ErrUserNotFound) {
		t.Fatalf("update of a deleted account: %v", err)
	}
	if err := s.Create(ctx, newUser("ada"), event(t)); err != nil {
		t.Fatalf("the deleted account's email and username are not free: %v", err)
	}
	var events int64
	db.Raw(`SELECT count(*) FROM outbox_events`).Scan(&events)
	if events != 3 {
		t.Fatalf("%d outbox rows, want 3 (two creates, one delete)", events)
	}
	if _, err := s.ByID(ctx, "not-a-uuid"); !errors.Is(err, domain.ErrUserNotFound) {
		t.Fatalf("malformed id: %v", err)
	}
}
