package main

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

func TestParseRates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []int
		ok   bool
	}{
		{"50,100, 200", []int{50, 100, 200}, true},
		{"100", []int{100}, true},
		{"100,50", nil, false},
		{"50,50", nil, false},
		{"0,10", nil, false},
		{"fast", nil, false},
	}
	for _, tt := range tests {
		got, err := parseRates(tt.in)
		if (err == nil) != tt.ok || !slices.Equal(got, tt.want) {
			t.Errorf("parseRates(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestCreateBodyIsAValidCreateRequest(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 19, 30, 0, 0, time.UTC)
	seen := map[string]bool{}
	for seq := range 12 {
		var body struct {
			Title, Description, Status, Priority string
			DueAt                                time.Time
		}
		if err := json.Unmarshal(createBody(seq, now), &body); err != nil {
			t.Fatalf("seq %d: %v", seq, err)
		}
		if body.Title == "" || body.Status != "todo" || !body.DueAt.After(now) {
			t.Errorf("seq %d: %+v", seq, body)
		}
		seen[body.Priority] = true
	}
	for _, p := range []string{"none", "low", "medium", "high", "urgent"} {
		if !seen[p] {
			t.Errorf("priority %q never sent", p)
		}
	}
}
