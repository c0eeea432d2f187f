package domain_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

func TestAuthorizeByRoleAndArchiveState(t *testing.T) {
	t.Parallel()
	live := domain.Project{}
	at := time.Now()
	archived := domain.Project{ArchivedAt: &at}
	tests := []struct {
		name    string
		p       domain.Project
		role    string
		act     domain.Action
		wantErr error
	}{
		{"participant-reads", live, domain.RoleParticipant, domain.ActRead, nil},
		{"participant-reads-archived", archived, domain.RoleParticipant, domain.ActRead, nil},
		{"participant-cannot-manage", live, domain.RoleParticipant, domain.ActManage, domain.ErrForbiddenRole},
		{"participant-cannot-manage-archived", archived, domain.RoleParticipant, domain.ActManage, domain.ErrForbiddenRole},
		{"participant-cannot-archive", live, domain.RoleParticipant, domain.ActArchive, domain.ErrForbiddenRole},
		{"participant-cannot-delete", live, domain.RoleParticipant, domain.ActDelete, domain.ErrForbiddenRole},
		{"participant-leaves", live, domain.RoleParticipant, domain.ActLeave, nil},
		{"participant-cannot-leave-archived", archived, domain.RoleParticipant, domain.ActLeave, domain.ErrProjectArchived},
		{"owner-manages", live, domain.RoleOwner, domain.ActManage, nil},
		{"owner-cannot-manage-archived", archived, domain.RoleOwner, domain.ActManage, domain.ErrProjectArchived},
		{"owner-unarchives", archived, domain.RoleOwner, domain.ActArchive, nil},
		{"owner-deletes-archived", archived, domain.RoleOwner, domain.ActDelete, nil},
		{"owner-must-transfer-to-leave", live, domain.RoleOwner, domain.ActLeave, domain.ErrOwnerMustTransfer},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := domain.Authorize(tc.p, tc.role, tc.act); !errors.Is(err, tc.wantErr) && err != tc.wantErr {
				t.Fatalf("got %v, want %v", err, tc.wantErr)
			}
		})
	}
}

func TestDetailsApplyReportsOnlyRealChanges(t *testing.T) {
	t.Parallel()
	p := domain.Project{Name: "A", Description: "d", Color: "#000000", Key: "AB"}
	name, color, key := "B", "#000000", "CD"
	changed := domain.Details{Name: &name, Color: &color, Key: &key}.Apply(&p)
	if strings.Join(changed, ",") != "name,key" || p.Name != "B" || p.Key != "CD" || p.Description != "d" {
		t.Fatalf("changed %v, project %+v", changed, p)
	}
}

func TestFieldNormalization(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		fn          func(string) (string, string)
		in          string
		want, issue string
	}{
		{"name-trimmed", domain.NormalizeName, "  Engine ", "Engine", ""},
		{"name-nfc", domain.NormalizeName, "Cafe\u0301", "Caf\u00e9", ""},
		{"name-emoji-zwj", domain.NormalizeName, "Team \U0001F468\u200d\U0001F469", "Team \U0001F468\u200d\U0001F469", ""},
		{"name-100-runes", domain.NormalizeName, strings.Repeat("ż", 100), strings.Repeat("ż", 100), ""},
		{"name-101-runes", domain.NormalizeName, strings.Repeat("ż", 101), "", domain.ProblemTooLong},
		{"name-empty", domain.NormalizeName, "", "", domain.ProblemRequired},
		{"name-bidi", domain.NormalizeName, "a\u202eb", "", domain.ProblemInvalid},
		{"name-zwsp-only", domain.NormalizeName, "\u200b", "", domain.ProblemInvalid},
		{"name-tab", domain.NormalizeName, "a\tb", "", domain.ProblemInvalid},
		{"description-markdown", domain.NormalizeDescription, "# T\r\n\n- [x] done\t`x`", "# T\n\n- [x] done\t`x`", ""},
		{"description-empty", domain.NormalizeDescription, "", "", ""},
		{"description-bell", domain.NormalizeDescription, "a\u0007", "", domain.ProblemInvalid},
		{"description-isolate", domain.NormalizeDescription, "a\u2067b", "", domain.ProblemInvalid},
		{"color-lowered", domain.NormalizeColor, "#ABCDEF", "#abcdef", ""},
		{"color-none", domain.NormalizeColor, "", "", ""},
		{"color-short", domain.NormalizeColor, "#abc", "", domain.ProblemInvalid},
		{"color-no-hash", domain.NormalizeColor, "abcdef", "", domain.ProblemInvalid},
		{"key-ok", domain.NormalizeKey, "TR2", "TR2", ""},
		{"key-ten", domain.NormalizeKey, "ABCDEFGHIJ", "ABCDEFGHIJ", ""},
		{"key-eleven", domain.NormalizeKey, "ABCDEFGHIJK", "", domain.ProblemTooLong},
		{"key-lower", domain.NormalizeKey, "Ab", "", domain.ProblemInvalid},
		{"key-dash", domain.NormalizeKey, "A-B", "", domain.ProblemInvalid},
		{"key-kelvin", domain.NormalizeKey, "\u212aA", "", domain.ProblemInvalid},
		{"role-owner", domain.NormalizeRole, "owner", "owner", ""},
		{"role-upper", domain.NormalizeRole, "Owner", "", domain.ProblemInvalid},
		{"id-canonical", domain.NormalizeID, "0190ABCD-0000-7000-8000-000000000000", "0190abcd-0000-7000-8000-000000000000", ""},
		{"id-braces", domain.NormalizeID, "{0190abcd-0000-7000-8000-000000000000}", "", domain.ProblemInvalid},
		{"id-urn", domain.NormalizeID, "urn:uuid:0190abcd-0000-7000-8000-000000000000", "", domain.ProblemInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, issue := tc.fn(tc.in)
			if got != tc.want || issue != tc.issue {
				t.Fatalf("%q -> %q %q, want %q %q", tc.in, got, issue, tc.want, tc.issue)
			}
		})
	}
}
