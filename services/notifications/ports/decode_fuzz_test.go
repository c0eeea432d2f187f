package ports

import (
	"encoding/json"
	"testing"

	"github.com/taskrocket/taskrocket/services/contracts"
	"github.com/taskrocket/taskrocket/services/platform/events"

	"github.com/taskrocket/taskrocket/services/notifications/app"
	"github.com/taskrocket/taskrocket/services/notifications/domain"
)

// The request and event decoding of the service never panics, and what it
// accepts is within the documented bounds. Seeds are in testdata/fuzz;
// `go test -fuzz FuzzListQuery ./ports/` explores further.

func FuzzListQuery(f *testing.F) {
	for _, s := range []string{"", "limit=20", "cursor=42&unread=true", "limit=0", "cursor=%zz", "limit=1&limit=2", "cursor=-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := parseListQuery(raw)
		if err != nil {
			return
		}
		if q.Limit < 1 || q.Limit > app.MaxPage || q.Before < 0 {
			t.Fatalf("%q accepted as %+v", raw, q)
		}
	})
}

func FuzzFeedQuery(f *testing.F) {
	for _, s := range []string{"", "after=0&wait=20&unread=3", "after=x", "wait=26", "unread=-1", "after=01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		req, err := parseFeedQuery(raw)
		if err != nil {
			return
		}
		if req.After < -1 || req.Wait < 0 || req.Wait > app.MaxFeedWait || req.KnownUnread < -1 {
			t.Fatalf("%q accepted as %+v", raw, req)
		}
	})
}

func FuzzPreferencesPatch(f *testing.F) {
	for _, s := range []string{`{}`, `{"kinds":{"mention":{"email":false}}}`, `{"delivery":"daily","digestTime":"07:30"}`,
		`{"kinds":{"x":{}}}`, `{"digestTime":"24:00"}`, `{"kinds":null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var req preferencesPatch
		if json.Unmarshal(body, &req) != nil {
			return
		}
		p := domain.DefaultPreferences()
		if err := p.Apply(req.toDomain()); err != nil {
			if q := domain.DefaultPreferences(); !equalPrefs(p, q) {
				t.Fatalf("a refused patch %s changed the preferences", body)
			}
			return
		}
		if _, _, ok := domain.ParseClock(p.DigestTime); !ok || (p.Delivery != domain.DeliveryImmediate && p.Delivery != domain.DeliveryDaily) {
			t.Fatalf("%s accepted as %+v", body, p)
		}
		for k := range p.Kinds {
			if !k.Valid() {
				t.Fatalf("%s added kind %q", body, k)
			}
		}
	})
}

func equalPrefs(a, b domain.Preferences) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func FuzzUnsubscribeToken(f *testing.F) {
	for _, s := range []string{"", "u.mention.sig", "01900000-0000-7000-8000-000000000000.all.AAAA", "..", "a.b.c.d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		user, kind, ok := domain.ParseUnsubscribeToken(token)
		if ok && (user == "" || (kind != domain.AllEmail && !kind.Valid())) {
			t.Fatalf("%q parsed as %q %q", token, user, kind)
		}
		if domain.CheckUnsubscribeToken(token, []byte("key")) && token != domain.UnsubscribeToken(user, kind, []byte("key")) {
			t.Fatalf("%q verified", token)
		}
	})
}

// FuzzEventDecoding: whatever an event of a consumed type carries, decoding
// it either fails (the event is dropped) or yields ids that are UUIDs.
func FuzzEventDecoding(f *testing.F) {
	seeds := map[string]string{
		contracts.EventTaskAssigned:   `{"actor":{"userId":"01900000-0000-7000-8000-000000000001"},"projectId":"01900000-0000-7000-8000-000000000002","taskId":"01900000-0000-7000-8000-000000000003","title":"T","userId":"01900000-0000-7000-8000-000000000004"}`,
		contracts.EventCommentCreated: `{"projectId":"01900000-0000-7000-8000-000000000002","taskId":null,"commentId":"01900000-0000-7000-8000-000000000005","comment":{"authorId":"01900000-0000-7000-8000-000000000001","body":"hi","mentionedUserIds":["x"]}}`,
		contracts.EventProjectDeleted: `{"projectId":"p","memberIds":[]}`,
		contracts.EventUserUpdated:    `{"userId":"01900000-0000-7000-8000-000000000001","timezone":"Europe/Warsaw"}`,
		contracts.EventInvitationSent: `{"projectId":"01900000-0000-7000-8000-000000000002","invitee":{"email":"a@b.c"}}`,
	}
	for typ, data := range seeds {
		f.Add(typ, []byte(data))
	}
	f.Fuzz(func(t *testing.T, typ string, data []byte) {
		decode, ok := decoderOf(typ)
		if !ok {
			return
		}
		ev, err := decode(events.Event{Type: typ, Data: data})
		if err != nil {
			return
		}
		for _, id := range append([]string{ev.ProjectID, ev.TaskID, ev.ActorID, ev.ProfileGone}, ev.Follow...) {
			if id != "" {
				if _, ok := parseID(id); !ok {
					t.Fatalf("%s %s decoded with id %q", typ, data, id)
				}
			}
		}
		for _, d := range ev.Direct {
			if _, ok := parseID(d.UserID); !ok && d.UserID != "" {
				t.Fatalf("%s %s addresses %q", typ, data, d.UserID)
			}
		}
	})
}
