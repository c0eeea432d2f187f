package app_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/auth/app"
	"github.com/taskrocket/taskrocket/services/auth/domain"
	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

func TestRefresh(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(t *testing.T, f *fixture)
	}{
		{"mint-then-refresh-rotates", func(t *testing.T, f *fixture) {
			first := f.login(t, "u1")
			f.clock.Advance(5 * time.Minute)
			second := f.refresh(t, first.RefreshToken)
			if second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken {
				t.Fatal("refresh returned the same tokens")
			}
			if second.SessionID != first.SessionID {
				t.Fatalf("rotation moved to session %s from %s", second.SessionID, first.SessionID)
			}
			third := f.refresh(t, second.RefreshToken)
			if third.RefreshToken == second.RefreshToken {
				t.Fatal("second rotation returned the same refresh token")
			}
		}},
		{"replay-of-spent-token-is-reuse-and-revokes-the-family", func(t *testing.T, f *fixture) {
			first := f.login(t, "u1")
			second := f.refresh(t, first.RefreshToken)
			_, err := f.Refresh(t.Context(), first.RefreshToken)
			wantCode(t, err, "refresh_token_reused")
			_, err = f.Refresh(t.Context(), second.RefreshToken)
			wantCode(t, err, "session_revoked")
			st, err := f.SessionState(t.Context(), first.SessionID)
			if err != nil || st.Active || st.RevokeReason != domain.ReasonRefreshReused {
				t.Fatalf("session after reuse: %+v, %v", st, err)
			}
		}},
		{"reuse-leaves-other-sessions-alone", func(t *testing.T, f *fixture) {
			stolen, other := f.login(t, "u1"), f.login(t, "u1")
			f.refresh(t, stolen.RefreshToken)
			_, err := f.Refresh(t.Context(), stolen.RefreshToken)
			wantCode(t, err, "refresh_token_reused")
			f.refresh(t, other.RefreshToken)
		}},
		{"expired-refresh-token-is-invalid", func(t *testing.T, f *fixture) {
			first := f.login(t, "u1")
			f.clock.Advance(720*time.Hour + time.Second)
			_, err := f.Refresh(t.Context(), first.RefreshToken)
			wantCode(t, err, "refresh_token_invalid")
		}},
		{"unknown-and-malformed-tokens-are-invalid", func(t *testing.T, f *fixture) {
			f.login(t, "u1")
			unknown, _, _ := domain.NewRefreshSecret()
			for _, tok := range []string{unknown, "trr_short", "not-a-token"} {
				_, err := f.Refresh(t.Context(), tok)
				wantCode(t, err, "refresh_token_invalid")
			}
		}},
		{"refresh-of-a-signed-out-session-is-revoked", func(t *testing.T, f *fixture) {
			first := f.login(t, "u1")
			if err := f.Logout(t.Context(), app.Caller{UserID: "u1", SessionID: first.SessionID}); err != nil {
				t.Fatal(err)
			}
			_, err := f.Refresh(t.Context(), first.RefreshToken)
			wantCode(t, err, "session_revoked")
		}},
		{"refresh-extends-the-session-until-its-absolute-lifetime", func(t *testing.T, f *fixture) {
			tokens := f.login(t, "u1")
			if tokens.RefreshExpiresIn != 720*time.Hour || tokens.AccessExpiresIn != 10*time.Minute {
				t.Fatalf("first pair lifetimes %s / %s", tokens.AccessExpiresIn, tokens.RefreshExpiresIn)
			}
			for range 4 { // day 0 -> 80: each refresh inside the 30-day window
				f.clock.Advance(20 * 24 * time.Hour)
				tokens = f.refresh(t, tokens.RefreshToken)
			}
			if want := 10 * 24 * time.Hour; tokens.RefreshExpiresIn != want {
				t.Fatalf("refresh lifetime near the 90-day cap is %s, want %s", tokens.RefreshExpiresIn, want)
			}
			f.clock.Advance(10 * 24 * time.Hour)
			_, err := f.Refresh(t.Context(), tokens.RefreshToken)
			wantCode(t, err, "refresh_token_invalid")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, newFixture(t))
		})
	}
}

// Clients present the same refresh token at once (a stolen copy racing
// the real one): exactly one gets new tokens, every other one is refused —
// with two racers the loser is told the token was reused — and the session
// ends up revoked.
func TestConcurrentRefreshOfOneTokenHasOneWinner(t *testing.T) {
	t.Parallel()
	for _, racers := range []int{2, 8} {
		t.Run(fmt.Sprintf("%d-racers", racers), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			for round := range 10 {
				raceOnce(t, f, racers, round)
			}
		})
	}
}

func raceOnce(t *testing.T, f *fixture, racers, round int) {
	tokens := f.login(t, "u1")
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		winners []app.Tokens
		refused = map[string]int{}
	)
	start := make(chan struct{})
	for range racers {
		wg.Go(func() {
			<-start
			got, err := f.Refresh(t.Context(), tokens.RefreshToken)
			mu.Lock()
			defer mu.Unlock()
			var ae *apperr.Error
			switch {
			case err == nil:
				winners = append(winners, got)
			case errors.As(err, &ae):
				refused[ae.Code]++
			default:
				t.Errorf("round %d: unexpected error %v", round, err)
			}
		})
	}
	close(start)
	wg.Wait()
	if len(winners) != 1 {
		t.Fatalf("round %d: %d winners (refused: %v), want exactly one", round, len(winners), refused)
	}
	if refused["refresh_token_reused"]+refused["session_revoked"] != racers-1 || refused["refresh_token_reused"] == 0 {
		t.Fatalf("round %d: refused %v, want reuse detected for the %d losers", round, refused, racers-1)
	}
	if racers == 2 && refused["refresh_token_reused"] != 1 {
		t.Fatalf("round %d: the loser got %v, want refresh_token_reused", round, refused)
	}
	_, err := f.Refresh(t.Context(), winners[0].RefreshToken)
	wantCode(t, err, "session_revoked")
}

// lockstepStore holds the first two session reads until both happened, so
// two exchanges of one token are guaranteed to decide on the same version
// of the session and race on the write.
type lockstepStore struct {
	app.SessionStore
	reads   atomic.Int32
	arrived chan struct{}
	release chan struct{}
}

func (s *lockstepStore) Session(ctx context.Context, id string) (domain.Session, app.Version, error) {
	sess, v, err := s.SessionStore.Session(ctx, id)
	if s.reads.Add(1) <= 2 {
		s.arrived <- struct{}{}
		<-s.release
	}
	return sess, v, err
}

func TestRefreshRaceOnTheSameVersionHasOneWinner(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tokens := f.login(t, "u1")
	racing := &lockstepStore{SessionStore: f.store, arrived: make(chan struct{}, 2), release: make(chan struct{})}
	a, err := app.New(f.opts, racing, f.store)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Keys().Load(t.Context()); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := a.Refresh(t.Context(), tokens.RefreshToken)
			errs <- err
		}()
	}
	<-racing.arrived
	<-racing.arrived
	close(racing.release)
	first, second := <-errs, <-errs
	if (first == nil) == (second == nil) {
		t.Fatalf("want exactly one winner, got %v and %v", first, second)
	}
	if first == nil {
		first = second
	}
	wantCode(t, first, "refresh_token_reused")
}
