package adapters_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/taskrocket/taskrocket/services/platform/events"
	"github.com/taskrocket/taskrocket/services/platform/outbox"
	"github.com/taskrocket/taskrocket/services/platform/pgtest"

	"github.com/taskrocket/taskrocket/services/invitations/adapters"
	"github.com/taskrocket/taskrocket/services/invitations/domain"
)

var t0 = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func newInvitation(projectID string, who domain.Invitee, created time.Time) domain.Invitation {
	return domain.Invitation{
		ID: newID(), ProjectID: projectID, ProjectName: "Apollo", Invitee: who, Role: "participant",
		Status: domain.StatusPending, InvitedBy: newID(), CreatedAt: created, ExpiresAt: created.Add(time.Hour), UpdatedAt: created,
	}
}

func event(t *testing.T) events.Event {
	t.Helper()
	ev, err := events.New("/invitations", "taskrocket.invitation.sent.v1", "x", map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func count(t *testing.T, db *gorm.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStoreRoundTripAndOnePendingPerInvitee(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	s := adapters.NewInvitations(db)
	project, user := newID(), newID()

	byName := newInvitation(project, domain.Invitee{UserID: user, AddressedBy: domain.AddressedByUsername, Username: "bob"}, t0)
	byName.Message = "Hej 👋"
	if err := s.Create(ctx, byName, event(t)); err != nil {
		t.Fatal(err)
	}
	got, err := s.ByID(ctx, byName.ID)
	if err != nil || got.Message != byName.Message || got.Invitee != byName.Invitee || !got.CreatedAt.Equal(t0) || got.DecidedAt != nil {
		t.Fatalf("ByID = %+v, %v", got, err)
	}
	for name, dup := range map[string]domain.Invitation{
		"same-account-by-email": newInvitation(project, domain.Invitee{UserID: user, AddressedBy: domain.AddressedByEmail, Email: "bob@example.com"}, t0),
		"same-account-by-name":  newInvitation(project, domain.Invitee{UserID: user, AddressedBy: domain.AddressedByUsername, Username: "bob"}, t0),
	} {
		if err := s.Create(ctx, dup, event(t)); !errors.Is(err, domain.ErrInvitationPending) {
			t.Errorf("%s: %v, want invitation_pending", name, err)
		}
	}
	byEmail := newInvitation(project, domain.Invitee{AddressedBy: domain.AddressedByEmail, Email: "new@example.com"}, t0)
	if err := s.Create(ctx, byEmail, event(t)); err != nil {
		t.Fatal(err)
	}
	if err := s.Create(ctx, newInvitation(project, byEmail.Invitee, t0), event(t)); !errors.Is(err, domain.ErrInvitationPending) {
		t.Errorf("same address: %v", err)
	}
	// Another project is another invitation.
	if err := s.Create(ctx, newInvitation(newID(), byEmail.Invitee, t0), event(t)); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM outbox_events`); n != 3 {
		t.Fatalf("%d outbox rows for 3 invitations", n)
	}
	for _, id := range []string{"nope", "", newID()} {
		if _, err := s.ByID(ctx, id); !errors.Is(err, domain.ErrInvitationNotFound) {
			t.Errorf("ByID(%q) = %v", id, err)
		}
	}
}

func TestStoreUpdate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	s := adapters.NewInvitations(db)
	inv := newInvitation(newID(), domain.Invitee{AddressedBy: domain.AddressedByEmail, Email: "c@example.com"}, t0)
	if err := s.Create(ctx, inv, event(t)); err != nil {
		t.Fatal(err)
	}
	// A failing change rolls back.
	boom := errors.New("boom")
	if _, err := s.Update(ctx, inv.ID, func(cur *domain.Invitation) (*events.Event, error) {
		_ = cur.Accept(newID(), t0.Add(time.Minute))
		return nil, boom
	}); !errors.Is(err, boom) {
		t.Fatalf("Update = %v", err)
	}
	// No event, no write.
	if _, err := s.Update(ctx, inv.ID, func(cur *domain.Invitation) (*events.Event, error) {
		_ = cur.Accept(newID(), t0.Add(time.Minute))
		return nil, nil
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ByID(ctx, inv.ID); got.Status != domain.StatusPending || got.Invitee.UserID != "" {
		t.Fatalf("a change without an event was written: %+v", got)
	}
	accepter := newID()
	ev := event(t)
	out, err := s.Update(ctx, inv.ID, func(cur *domain.Invitation) (*events.Event, error) {
		if err := cur.Accept(accepter, t0.Add(time.Minute)); err != nil {
			return nil, err
		}
		return &ev, nil
	})
	if err != nil || out.Status != domain.StatusAccepted {
		t.Fatalf("Update = %+v, %v", out, err)
	}
	got, _ := s.ByID(ctx, inv.ID)
	if got.Status != domain.StatusAccepted || got.Invitee.UserID != accepter || got.DecidedBy != accepter ||
		got.DecidedAt == nil || !got.DecidedAt.Equal(t0.Add(time.Minute)) || got.Invitee.Email != "c@example.com" {
		t.Fatalf("stored %+v", got)
	}
	if n := count(t, db, `SELECT count(*) FROM outbox_events WHERE id = ?`, ev.ID); n != 1 {
		t.Fatal("the decision's event was not stored")
	}
	// A change that returns an event without a decision is refused.
	if _, err := s.Update(ctx, inv.ID, func(cur *domain.Invitation) (*events.Event, error) {
		e := event(t)
		cur.Status = domain.StatusPending
		cur.DecidedAt = nil
		return &e, nil
	}); err == nil {
		t.Fatal("an event without a decision was written")
	}
}

// Items created in the same microsecond still page in a total order.
func TestStorePagesWithTheIDAsTieBreak(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	s := adapters.NewInvitations(db)
	project := newID()
	var want []string
	createdAt := map[string]time.Time{}
	for i := range 7 {
		created := t0
		if i >= 4 {
			created = t0.Add(time.Second)
		}
		inv := newInvitation(project, domain.Invitee{UserID: newID(), AddressedBy: domain.AddressedByUsername, Username: "u"}, created)
		if err := s.Create(ctx, inv, event(t)); err != nil {
			t.Fatal(err)
		}
		want = append(want, inv.ID)
		createdAt[inv.ID] = created
	}
	// Newest first; at the same time, the larger id first.
	slices.SortFunc(want, func(a, b string) int {
		if c := createdAt[b].Compare(createdAt[a]); c != 0 {
			return c
		}
		return strings.Compare(b, a)
	})
	var got []string
	page := domain.Page{Limit: 3}
	for {
		p, err := s.ListForProject(ctx, project, domain.FilterAll, t0, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, inv := range p.Items {
			got = append(got, inv.ID)
		}
		if p.Next == nil {
			break
		}
		page.After = p.Next
	}
	if !slices.Equal(got, want) {
		t.Fatalf("pages %v\nwant  %v", got, want)
	}
}

// A row another transaction holds is skipped by the expiry scan, not
// waited for, and expired by a later pass.
func TestExpireDueSkipsLockedRows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t, outbox.Migrations(), adapters.Migrations())
	s := adapters.NewInvitations(db)
	project := newID()
	held := newInvitation(project, domain.Invitee{AddressedBy: domain.AddressedByEmail, Email: "a@example.com"}, t0)
	free := newInvitation(project, domain.Invitee{AddressedBy: domain.AddressedByEmail, Email: "b@example.com"}, t0)
	for _, inv := range []domain.Invitation{held, free} {
		if err := s.Create(ctx, inv, event(t)); err != nil {
			t.Fatal(err)
		}
	}
	now := t0.Add(2 * time.Hour)
	expire := func(inv *domain.Invitation) (events.Event, error) {
		if err := inv.Expire(now); err != nil {
			return events.Event{}, err
		}
		return event(t), nil
	}
	tx := db.Begin()
	if err := tx.Exec(`SELECT id FROM invitations WHERE id = ? FOR UPDATE`, held.ID).Error; err != nil {
		t.Fatal(err)
	}
	n, err := s.ExpireDue(ctx, now, 100, expire)
	if err != nil || n != 1 {
		t.Fatalf("ExpireDue with a held row = %d, %v; want 1", n, err)
	}
	tx.Rollback()
	if n, err := s.ExpireDue(ctx, now, 100, expire); err != nil || n != 1 {
		t.Fatalf("ExpireDue after release = %d, %v; want 1", n, err)
	}
	if n := count(t, db, `SELECT count(*) FROM invitations WHERE status = 'expired'`); n != 2 {
		t.Fatalf("%d expired", n)
	}
}
