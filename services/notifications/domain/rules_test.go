package domain

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

func ids(rs []Recipient) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.UserID + ":" + string(r.Reason)
	}
	return out
}

func TestRecipients(t *testing.T) {
	t.Parallel()
	members := map[string]bool{"ada": true, "bob": true, "cy": true}
	tests := []struct {
		name string
		ev   Event
		aud  Audiences
		want []string
	}{
		{"never-the-actor", Event{ActorID: "ada", ProjectID: "p", Reason: ReasonCommented, Audience: AudienceFollowers},
			Audiences{Followers: []string{"ada", "bob"}, Members: members}, []string{"bob:comment.created"}},
		{"mention-outranks-following", Event{ActorID: "ada", ProjectID: "p", Reason: ReasonCommented, Audience: AudienceFollowers,
			Direct: []Direct{{UserID: "bob", Reason: ReasonMentioned}}},
			Audiences{Followers: []string{"bob", "cy"}, Members: members}, []string{"bob:comment.mentioned", "cy:comment.created"}},
		{"a-follower-who-left-hears-nothing", Event{ActorID: "ada", ProjectID: "p", Reason: ReasonTaskDeleted, Audience: AudienceFollowers},
			Audiences{Followers: []string{"eve"}, Members: members}, nil},
		{"a-mention-of-a-non-member-is-nothing", Event{ActorID: "ada", ProjectID: "p", Direct: []Direct{{UserID: "eve", Reason: ReasonMentioned}}},
			Audiences{Members: members}, nil},
		{"the-removed-member-is-told", Event{ActorID: "ada", ProjectID: "p",
			Direct: []Direct{{UserID: "eve", Reason: ReasonMemberRemoved, AnyMember: true}}},
			Audiences{Members: members}, []string{"eve:project.member_removed"}},
		{"members-hear-project-changes", Event{ActorID: "bob", ProjectID: "p", Reason: ReasonProjectArchived, Audience: AudienceMembers},
			Audiences{Members: members}, []string{"ada:project.archived", "cy:project.archived"}},
		{"a-deleted-project-tells-the-members-it-had", Event{ActorID: "ada", ProjectID: "p", Reason: ReasonProjectDeleted,
			Audience: AudienceMembers, MemberIDs: []string{"ada", "bob"}}, Audiences{}, []string{"bob:project.deleted"}},
		{"no-actor-is-fine", Event{ProjectID: "p", Direct: []Direct{{UserID: "ada", Reason: ReasonInvitationExpired, AnyMember: true}}},
			Audiences{Members: members}, []string{"ada:invitation.expired"}},
		{"each-once", Event{ActorID: "ada", ProjectID: "p", Reason: ReasonCommented, Audience: AudienceFollowers,
			Direct: []Direct{{UserID: "bob", Reason: ReasonMentioned}, {UserID: "bob", Reason: ReasonMentioned}}},
			Audiences{Followers: []string{"bob", "bob"}, Members: members}, []string{"bob:comment.mentioned"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := ids(Recipients(tc.ev, tc.aud)); !slices.Equal(got, tc.want) {
				t.Fatalf("recipients %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPreferences(t *testing.T) {
	t.Parallel()
	f, tr := false, true
	daily, bad := "daily", "weekly"
	clock, badClock := "07:30", "7:30"
	p := DefaultPreferences()
	if !p.ChannelsFor(KindMention, "p").Email || p.ChannelsFor(KindReaction, "p").Email {
		t.Fatal("defaults: mentions by e-mail, reactions in the app only")
	}
	err := p.Apply(PreferencesPatch{Kinds: map[string]ChannelPatch{"mention": {Email: &f}, "nope": {Push: &tr}}, Delivery: &bad, DigestTime: &badClock})
	var e *apperr.Error
	if !asErr(err, &e) || e.Code != "validation_failed" || len(e.Details["fields"].(map[string]any)) != 3 {
		t.Fatalf("a bad patch: %v", err)
	}
	if !p.Kinds[KindMention].Email {
		t.Fatal("a refused patch changed something")
	}
	if err := p.Apply(PreferencesPatch{Kinds: map[string]ChannelPatch{"mention": {Email: &f}}, Delivery: &daily, DigestTime: &clock}); err != nil {
		t.Fatal(err)
	}
	if got := p.Kinds[KindMention]; got.Email || !got.InApp || !got.Push || p.Delivery != DeliveryDaily || p.DigestTime != "07:30" {
		t.Fatalf("after the patch %+v %s %s", got, p.Delivery, p.DigestTime)
	}
	p.Mute("p2", true)
	p.Mute("p1", true)
	if !slices.Equal(p.Muted, []string{"p1", "p2"}) || p.Mute("p1", true) {
		t.Fatalf("muted %v", p.Muted)
	}
	if p.ChannelsFor(KindComment, "p1").Any() || !p.ChannelsFor(KindAssignment, "p1").InApp || !p.ChannelsFor(KindComment, "p3").InApp {
		t.Fatal("muting silences the project's activity, not what is addressed to you")
	}
}

func asErr(err error, target **apperr.Error) bool {
	e, ok := err.(*apperr.Error)
	*target = e
	return ok
}

func TestNextDigest(t *testing.T) {
	t.Parallel()
	warsaw, _ := time.LoadLocation("Europe/Warsaw")
	tests := []struct {
		name  string
		now   time.Time
		loc   *time.Location
		clock string
		want  time.Time
	}{
		{"later-today", time.Date(2026, 6, 1, 5, 0, 0, 0, time.UTC), warsaw, "08:00", time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC)},
		{"tomorrow-once-passed", time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC), warsaw, "08:00", time.Date(2026, 6, 2, 6, 0, 0, 0, time.UTC)},
		{"across-the-date-line-of-utc", time.Date(2026, 6, 1, 23, 30, 0, 0, time.UTC), warsaw, "07:15", time.Date(2026, 6, 2, 5, 15, 0, 0, time.UTC)},
		{"winter-offset", time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC), warsaw, "08:00", time.Date(2026, 1, 11, 7, 0, 0, 0, time.UTC)},
		{"clocks-move-forward", time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC), warsaw, "02:30", time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)},
		{"bad-clock-uses-default", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), time.UTC, "25:00", time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := NextDigest(tc.now, tc.loc, tc.clock); !got.Equal(tc.want) {
				t.Fatalf("NextDigest = %s, want %s", got.UTC(), tc.want)
			}
		})
	}
}

func TestUnsubscribeToken(t *testing.T) {
	t.Parallel()
	key := []byte("k")
	tok := UnsubscribeToken("u1", KindMention, key)
	if !CheckUnsubscribeToken(tok, key) || CheckUnsubscribeToken(tok, []byte("other")) {
		t.Fatal("a token verifies with its key only")
	}
	forged := strings.Replace(tok, ".mention.", ".comment.", 1)
	if CheckUnsubscribeToken(forged, key) || CheckUnsubscribeToken("u2"+tok[2:], key) {
		t.Fatal("a token for one kind or user works for another")
	}
	if u, k, ok := ParseUnsubscribeToken(UnsubscribeToken("u1", "", key)); !ok || u != "u1" || k != AllEmail {
		t.Fatalf("digest token parsed as %s %s %v", u, k, ok)
	}
	for _, bad := range []string{"", "u1", "u1.mention", "u1.nope.x", "..", "u1.mention.x.y"} {
		if _, _, ok := ParseUnsubscribeToken(bad); ok {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestViewsTolerateEventsInAnyOrder(t *testing.T) {
	t.Parallel()
	var task TaskView
	task.Merge(TaskFacts{ProjectID: "p", Title: "New title", Version: 3})
	task.Merge(TaskFacts{Title: "Old title", Version: 2})
	task.Merge(TaskFacts{Title: "Assigned hint"}) // no version: only a hint
	if task.Title != "New title" || task.Version != 3 {
		t.Fatalf("task %+v", task)
	}
	var p ProjectView
	p.Apply(MemberChange{UserID: "bob", Removed: true, At: t0.Add(time.Minute)})
	p.Apply(MemberChange{UserID: "bob", Role: "participant", At: t0})
	if p.IsMember("bob") {
		t.Fatal("an older 'added' brought back a removed member")
	}
	p.Rename("B", t0.Add(time.Hour))
	p.Rename("A", t0)
	if p.Name != "B" {
		t.Fatalf("name %q", p.Name)
	}
}

func TestComposeWordsAndLinks(t *testing.T) {
	t.Parallel()
	ev := Event{ID: "e", ActorID: "ada", ProjectID: "p", TaskID: "t", CommentID: "c", Excerpt: "Looks good", At: t0}
	n := Compose(ev, Recipient{UserID: "bob", Reason: ReasonMentioned}, Names{Actor: Profile{DisplayName: "Ada"}, Task: "Ship it"})
	if n.Title != "Ada mentioned you in “Ship it”" || n.Body != "Looks good" || n.Path != "/projects/p/tasks/t#comment-c" || n.Kind != KindMention {
		t.Fatalf("%+v", n)
	}
	gone := Compose(Event{ActorID: "ada", ProjectID: "p", At: t0}, Recipient{Reason: ReasonProjectDeleted}, Names{Actor: Profile{Deleted: true}})
	if gone.Title != "A deleted user deleted a project" || gone.Path != "/notifications" {
		t.Fatalf("%+v", gone)
	}
	if got := Excerpt("  a  b\n\nc "+strings.Repeat("word ", 100), 20); got != "a b c word word…" {
		t.Fatalf("excerpt %q", got)
	}
}
