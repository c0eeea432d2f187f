package contracts

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestReminderPayloadsMatchTheirSchema(t *testing.T) {
	t.Parallel()
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	id := "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d"
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	valid := ReminderDue{ReminderID: id, UserID: id, Kind: ReminderTask, TargetID: id, ProjectID: &id, TaskID: &id,
		Title: "Ship it", At: now, Timezone: "Europe/Warsaw", OccurredAt: now}
	meeting := valid
	meeting.Kind, meeting.ProjectID, meeting.TaskID, meeting.Snoozed = ReminderMeeting, nil, nil, true
	bad := valid
	bad.Kind = "birthday"
	for name, tc := range map[string]struct {
		p       ReminderDue
		wantErr string
	}{"task": {valid, ""}, "meeting-snoozed": {meeting, ""}, "unknown-kind": {bad, "kind"}} {
		raw, _ := json.Marshal(tc.p)
		err := v.Validate(EventReminderDue, raw)
		if tc.wantErr == "" && err != nil {
			t.Errorf("%s: valid payload rejected: %v", name, err)
		}
		if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
			t.Errorf("%s: want error about %q, got %v", name, tc.wantErr, err)
		}
	}
}
