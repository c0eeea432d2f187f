package adapters

import (
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/clocktest"

	"github.com/taskrocket/taskrocket/services/collaboration/app"
)

func TestNamesAreHeldForAMinuteAndForgottenOnChange(t *testing.T) {
	clock := clocktest.New(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))
	c := newNameCache(clock.Now)
	ada := app.UserName{Username: "ada"}

	_, missing, gen := c.get([]string{"u1"})
	if len(missing) != 1 {
		t.Fatalf("missing %v, want u1 before anything was read", missing)
	}
	c.put("u1", ada, gen)
	if got, missing, _ := c.get([]string{"u1"}); len(missing) != 0 || got["u1"] != ada {
		t.Fatalf("got %v missing %v, want ada from memory", got, missing)
	}
	clock.Advance(nameTTL)
	if _, missing, _ := c.get([]string{"u1"}); len(missing) != 1 {
		t.Fatal("a name older than a minute is read again")
	}

	// A rename applied while a read was under way: the read's (old) answer is not kept.
	_, _, gen = c.get([]string{"u1"})
	c.forget("u1")
	c.put("u1", ada, gen)
	if _, missing, _ := c.get([]string{"u1"}); len(missing) != 1 {
		t.Fatal("a name read before it was changed was kept")
	}
}
