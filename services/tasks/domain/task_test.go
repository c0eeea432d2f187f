package domain

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/platform/apperr"
)

func ptr[T any](v T) *T { return &v }

// fieldProblems returns details.fields of a validation error.
func fieldProblems(t *testing.T, err error) map[string]any {
	t.Helper()
	var e *apperr.Error
	if !errors.As(err, &e) || e.Code != "validation_failed" {
		t.Fatalf("want validation_failed, got %v", err)
	}
	return e.Details["fields"].(map[string]any)
}

const (
	idA = "01937d2e-1c3f-7a00-8000-000000000001"
	idB = "01937d2e-1c3f-7a00-8000-000000000002"
)

func TestTaskInputReportsEveryProblemAtOnce(t *testing.T) {
	t.Parallel()
	_, err := TaskInput{
		Title: " \u200b ", Description: "a\u202eb", Status: ptr("blocked"), Priority: ptr("critical"),
		StartAt: ptr("2026-12-01T09:00:00"), DueAt: ptr("tomorrow"), Timezone: ptr("Mars/Olympus"),
		EstimateMinutes: ptr(100_001), AssigneeIDs: []string{"ada"}, CategoryID: ptr("1"),
		TagIDs: []string{strings.ToUpper(idA) + "x"}, ParentID: ptr(""),
		Position: &PositionRef{AfterID: idA, BeforeID: idA},
	}.Normalize()
	got := fieldProblems(t, err)
	want := map[string]string{
		"title": "invalid", "description": "invalid", "status": "invalid", "priority": "invalid", "startAt": "invalid",
		"dueAt": "invalid", "timezone": "invalid", "estimateMinutes": "out_of_range", "assigneeIds": "invalid",
		"categoryId": "invalid", "tagIds": "invalid", "parentId": "invalid", "position": "invalid",
	}
	for field, problem := range want {
		if got[field] != problem {
			t.Errorf("%s: %v, want %s", field, got[field], problem)
		}
	}
}

func TestTaskInputNormalizes(t *testing.T) {
	t.Parallel()
	f, err := TaskInput{
		Title: "  Cafe\u0301 ", StartAt: ptr("2026-12-01T09:00:00.1234567+01:00"), DueAt: ptr("2026-12-01T08:00:00.1234567Z"),
		AssigneeIDs: []string{idB, strings.ToUpper(idA), idB},
	}.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Café" || f.Status != StatusTodo || f.Priority != PriorityNone {
		t.Fatalf("fields %+v", f)
	}
	if !slices.Equal(f.AssigneeIDs, []string{idA, idB}) {
		t.Fatalf("assignees %v: canonical, sorted, deduplicated", f.AssigneeIDs)
	}
	if f.DueAt.Format(time.RFC3339Nano) != "2026-12-01T08:00:00.123456Z" || !f.StartAt.Equal(*f.DueAt) {
		t.Fatalf("times %v %v: UTC, microseconds", f.StartAt, f.DueAt)
	}
}

func TestTaskInputRefusesStartAfterDue(t *testing.T) {
	t.Parallel()
	_, err := TaskInput{Title: "x", StartAt: ptr("2026-12-02T00:00:00Z"), DueAt: ptr("2026-12-01T00:00:00Z")}.Normalize()
	if fieldProblems(t, err)["dueAt"] != "before_start" {
		t.Fatalf("got %v", err)
	}
}

func TestTooManyAssigneesIsRefused(t *testing.T) {
	t.Parallel()
	ids := make([]string, MaxAssignees+1)
	for i := range ids {
		ids[i] = fmt.Sprintf("01937d2e-1c3f-7a00-8000-%012x", i)
	}
	_, err := TaskInput{Title: "x", AssigneeIDs: ids}.Normalize()
	if fieldProblems(t, err)["assigneeIds"] != "too_many" {
		t.Fatalf("got %v", err)
	}
}

func newTestTask(now time.Time) Task {
	return NewTask(idA, idB, idB, TaskFields{Title: "Plan", Status: StatusTodo}, "a0", now)
}

func TestApplyChangesOnlyWhatDiffersAndCountsVersions(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	later := now.Add(time.Hour)
	tests := []struct {
		name        string
		changes     TaskChanges
		position    string
		wantChanged []string
		check       func(t *testing.T, task Task)
	}{
		{"same-title-is-no-change", TaskChanges{Title: ptr("Plan")}, "", nil, nil},
		{"done-sets-done-at", TaskChanges{Status: ptr(StatusDone)}, "", []string{"status", "doneAt"}, func(t *testing.T, task Task) {
			if task.DoneAt == nil || !task.DoneAt.Equal(later) {
				t.Fatalf("doneAt %v", task.DoneAt)
			}
		}},
		{"clear-due", TaskChanges{DueAt: Optional[time.Time]{Set: true, Null: true}}, "", []string{"dueAt"}, func(t *testing.T, task Task) {
			if task.DueAt != nil {
				t.Fatal("due date kept")
			}
		}},
		{"move", TaskChanges{}, "a0V", []string{"position"}, nil},
		{"same-position-is-no-change", TaskChanges{}, "a1", nil, nil},
		{"clear-unset-category-is-no-change", TaskChanges{CategoryID: Optional[string]{Set: true, Null: true}}, "", nil, nil},
		{"assignees-replaced", TaskChanges{AssigneeIDs: &[]string{idA}}, "", []string{"assigneeIds"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			task := newTestTask(now)
			task.Position = "a1"
			task.DueAt = &now
			changed, err := task.Apply(tc.changes, tc.position, later)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(changed, tc.wantChanged) {
				t.Fatalf("changed %v, want %v", changed, tc.wantChanged)
			}
			wantVersion, wantUpdated := int64(1), now
			if len(changed) > 0 {
				wantVersion, wantUpdated = 2, later
			}
			if task.Version != wantVersion || !task.UpdatedAt.Equal(wantUpdated) {
				t.Fatalf("version %d updatedAt %v", task.Version, task.UpdatedAt)
			}
			if tc.check != nil {
				tc.check(t, task)
			}
		})
	}
}

func TestApplyRefusesAStartAfterTheKeptDueDate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	task := newTestTask(now)
	task.DueAt = &now
	_, err := task.Apply(TaskChanges{StartAt: Optional[time.Time]{Set: true, Value: now.Add(time.Minute)}}, "", now)
	if fieldProblems(t, err)["dueAt"] != "before_start" {
		t.Fatalf("got %v", err)
	}
}

func TestLeavingDoneClearsDoneAt(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	task := NewTask(idA, idB, idB, TaskFields{Title: "x", Status: StatusDone}, "a0", now)
	if task.DoneAt == nil {
		t.Fatal("created done without doneAt")
	}
	changed, _ := task.Apply(TaskChanges{Status: ptr(StatusInProgress)}, "", now)
	if task.DoneAt != nil || !slices.Equal(changed, []string{"status", "doneAt"}) {
		t.Fatalf("doneAt %v changed %v", task.DoneAt, changed)
	}
}

func TestTitlesRefuseDisguisedText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, in, problem string }{
		{"empty", "   ", "required"},
		{"zero-width-space-only", "\u200b", "invalid"},
		{"rtl-override", "\u202eevil", "invalid"},
		{"nul", "a\x00b", "invalid"},
		{"newline", "a\nb", "invalid"},
		{"replacement-char", "a\ufffd", "invalid"},
		{"too-long", strings.Repeat("é", 201), "too_long"},
		{"emoji-with-joiner", "👩\u200d💻 ship", ""},
		{"sql", "'; DROP TABLE tasks; --", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, p := NormalizeTitle(tc.in); p != tc.problem {
				t.Fatalf("problem %q, want %q", p, tc.problem)
			}
		})
	}
}

func TestLabelPatchChecksAndReportsChanges(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	l, err := NewLabel(Tag, idA, idB, idB, LabelInput{Name: " Bug "}, now)
	if err != nil || l.Name != "Bug" || l.Color != DefaultColor {
		t.Fatalf("%+v %v", l, err)
	}
	changed, err := l.Apply(LabelPatch{Name: ptr("Bug"), Color: ptr("#A0B1C2")}, now.Add(time.Minute))
	if err != nil || !slices.Equal(changed, []string{"color"}) || l.Color != "#a0b1c2" {
		t.Fatalf("changed %v color %q err %v", changed, l.Color, err)
	}
	if _, err := l.Apply(LabelPatch{Color: ptr("red")}, now); fieldProblems(t, err)["color"] != "invalid" {
		t.Fatalf("got %v", err)
	}
}

func TestUnknownRolesMayReadButNotWrite(t *testing.T) {
	t.Parallel()
	viewer := Membership{Role: "viewer"}
	if !viewer.CanRead() || viewer.CheckWrite() != ErrForbiddenRole {
		t.Fatal("a viewer reads and may not write")
	}
	archived := Membership{Role: RoleParticipant, Archived: true}
	if archived.CheckWrite() != ErrProjectArchived {
		t.Fatal("archived projects are read-only")
	}
	if (Membership{Role: RoleOwner}).CheckWrite() != nil {
		t.Fatal("owners write")
	}
}
