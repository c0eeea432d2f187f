package contracts

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestEveryEventHasACompilingSchemaAndATopic(t *testing.T) {
	t.Parallel()
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, topic := range Topics {
		known[topic] = true
	}
	for _, spec := range Events() {
		if !known[spec.Topic] {
			t.Errorf("%s: topic %q is not a domain topic", spec.Type, spec.Topic)
		}
		if !strings.HasPrefix(spec.Type, "taskrocket.") || !strings.HasSuffix(spec.Type, ".v1") {
			t.Errorf("%s: event types are taskrocket.<entity>.<verb>.v<N>", spec.Type)
		}
		if _, ok := v.schemas[spec.Type]; !ok {
			t.Errorf("%s: no compiled schema", spec.Type)
		}
	}
}

func TestPayloadTypesMatchTheirSchemas(t *testing.T) {
	t.Parallel()
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	actor := Actor{UserID: "0195f3c2-7a3e-7c1e-9d9a-0f2c7a1b2c3d"}
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		typ     string
		payload any
		wantErr string
	}{
		{"registered-valid", EventUserRegistered, UserRegistered{Actor: actor, UserID: actor.UserID, Email: "ada@example.com",
			Username: "ada", DisplayName: "Ada", Locale: "en", Timezone: "Europe/Warsaw", OccurredAt: now}, ""},
		{"registered-bad-username", EventUserRegistered, UserRegistered{Actor: actor, UserID: actor.UserID, Email: "ada@example.com",
			Username: "A D A", DisplayName: "Ada", Locale: "en", Timezone: "UTC", OccurredAt: now}, "username"},
		{"updated-valid", EventUserUpdated, UserUpdated{Actor: actor, UserID: actor.UserID, Username: "ada", DisplayName: "Ada L",
			Locale: "en", Timezone: "UTC", Changed: []string{"displayName"}, OccurredAt: now}, ""},
		{"updated-needs-changed", EventUserUpdated, UserUpdated{Actor: actor, UserID: actor.UserID, Username: "ada", DisplayName: "Ada",
			Locale: "en", Timezone: "UTC", Changed: []string{}, OccurredAt: now}, "changed"},
		{"deleted-valid", EventUserDeleted, UserDeleted{Actor: actor, UserID: actor.UserID, OccurredAt: now}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			raw, _ := json.Marshal(tc.payload)
			err := v.Validate(tc.typ, raw)
			if tc.wantErr == "" && err != nil {
				t.Fatalf("valid payload rejected: %v", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("want error about %q, got %v", tc.wantErr, err)
			}
		})
	}
}
