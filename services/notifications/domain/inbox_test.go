package domain

import (
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func TestAllocateGivesARedeliveredEventItsNumber(t *testing.T) {
	t.Parallel()
	var in Inbox
	a, newA := in.Allocate("e1", t0, nil)
	b, newB := in.Allocate("e2", t0, nil)
	again, newAgain := in.Allocate("e1", t0.Add(time.Minute), nil)
	if a != 1 || b != 2 || !newA || !newB || again != 1 || newAgain {
		t.Fatalf("allocations %d %v, %d %v, again %d %v", a, newA, b, newB, again, newAgain)
	}
	if in.UnreadCount() != 2 {
		t.Fatalf("unread %d, want 2 (a redelivery adds nothing)", in.UnreadCount())
	}
}

func TestAllocateForgetsFinishedAndAbandonedEvents(t *testing.T) {
	t.Parallel()
	var in Inbox
	in.Allocate("done", t0, nil)
	in.Allocate("old", t0, nil)
	in.Allocate("fresh", t0.Add(PendingTTL), nil)
	in.Allocate("next", t0.Add(PendingTTL+time.Minute), []string{"done"})
	for _, id := range []string{"done", "old"} {
		if _, ok := in.Pending[id]; ok {
			t.Errorf("%s still pending", id)
		}
	}
	if _, ok := in.Pending["fresh"]; !ok {
		t.Error("an allocation younger than PendingTTL was forgotten")
	}
	if at, ok := in.PendingSince(4); !ok || !at.Equal(t0.Add(PendingTTL+time.Minute)) {
		t.Errorf("PendingSince(4) = %v, %v", at, ok)
	}
}

func TestReadState(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		n          int
		read       []int64
		readAllUp  int64
		wantUnread []int64
	}{
		{"read-none", 3, nil, -1, []int64{3, 2, 1}},
		{"read-middle-splits-the-range", 5, []int64{3}, -1, []int64{5, 4, 2, 1}},
		{"read-ends", 5, []int64{1, 5}, -1, []int64{4, 3, 2}},
		{"read-twice-is-once", 3, []int64{2, 2}, -1, []int64{3, 1}},
		{"read-unknown-changes-nothing", 3, []int64{9}, -1, []int64{3, 2, 1}},
		{"all-up-to-keeps-newer", 5, nil, 3, []int64{5, 4}},
		{"all", 5, []int64{2}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var in Inbox
			for i := range tc.n {
				in.Allocate(string(rune('a'+i)), t0, nil)
			}
			for _, s := range tc.read {
				in.MarkRead(s)
			}
			if tc.readAllUp >= 0 {
				in.MarkAllRead(tc.readAllUp)
			}
			got := in.UnreadSeqs(0, 100)
			if !slices.Equal(got, tc.wantUnread) || in.UnreadCount() != len(tc.wantUnread) {
				t.Fatalf("unread %v (count %d), want %v", got, in.UnreadCount(), tc.wantUnread)
			}
			for s := int64(1); s <= int64(tc.n); s++ {
				if in.IsUnread(s) != slices.Contains(tc.wantUnread, s) {
					t.Errorf("IsUnread(%d) = %v", s, in.IsUnread(s))
				}
			}
		})
	}
}

func TestUnreadSeqsPagesBelowACursor(t *testing.T) {
	t.Parallel()
	var in Inbox
	for i := range 10 {
		in.Allocate(string(rune('a'+i)), t0, nil)
	}
	in.MarkRead(7)
	if got := in.UnreadSeqs(9, 3); !slices.Equal(got, []int64{8, 6, 5}) {
		t.Fatalf("UnreadSeqs(9, 3) = %v", got)
	}
}

func TestUnreadRangesStayBounded(t *testing.T) {
	t.Parallel()
	var in Inbox
	for i := range 3 * MaxUnreadRanges {
		in.Allocate(string(rune(i+1)), t0, nil)
	}
	for s := int64(2); s <= int64(3*MaxUnreadRanges); s += 2 {
		in.MarkRead(s) // every other: one range per unread notification
	}
	if len(in.Unread) > MaxUnreadRanges {
		t.Fatalf("%d unread ranges", len(in.Unread))
	}
	if !in.IsUnread(int64(3*MaxUnreadRanges - 1)) {
		t.Fatal("the newest unread one was dropped instead of the oldest")
	}
}
