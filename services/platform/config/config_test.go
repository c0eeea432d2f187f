package config

import (
	"strings"
	"testing"
	"time"
)

type shared struct {
	DaprHTTPPort int `env:"DAPR_HTTP_PORT,noprefix" default:"3500"`
}

type sample struct {
	shared
	Port     int           `env:"PORT" default:"8101"`
	DSN      string        `env:"DATABASE_URL" required:"true"`
	Timeout  time.Duration `env:"TIMEOUT" default:"5s"`
	Origins  []string      `env:"CORS_ORIGINS"`
	Verbose  bool          `env:"VERBOSE"`
	internal string
}

func lookupOf(m map[string]string) Lookup {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoad(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string
		check   func(t *testing.T, c sample)
	}{
		{
			name: "defaults-and-prefix",
			env:  map[string]string{"USERS_DATABASE_URL": "postgres://x"},
			check: func(t *testing.T, c sample) {
				if c.Port != 8101 || c.Timeout != 5*time.Second || c.DaprHTTPPort != 3500 || c.DSN != "postgres://x" {
					t.Fatalf("unexpected config %+v", c)
				}
			},
		},
		{
			name: "overrides-noprefix-and-lists",
			env: map[string]string{
				"USERS_DATABASE_URL": "d", "USERS_PORT": "9000", "DAPR_HTTP_PORT": "3600",
				"USERS_CORS_ORIGINS": "http://a, http://b,", "USERS_VERBOSE": "true",
			},
			check: func(t *testing.T, c sample) {
				if c.Port != 9000 || c.DaprHTTPPort != 3600 || !c.Verbose || strings.Join(c.Origins, "|") != "http://a|http://b" {
					t.Fatalf("unexpected config %+v", c)
				}
			},
		},
		{name: "missing-required-names-variable", env: map[string]string{}, wantErr: "USERS_DATABASE_URL is required"},
		{
			name:    "malformed-values-all-reported",
			env:     map[string]string{"USERS_DATABASE_URL": "d", "USERS_PORT": "eighty", "USERS_TIMEOUT": "soon"},
			wantErr: "USERS_PORT: not an integer",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var c sample
			err := LoadFrom(lookupOf(tc.env), "USERS", &c)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("want error containing %q, got %v", tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	t.Parallel()
	var c sample
	err := LoadFrom(lookupOf(map[string]string{"USERS_PORT": "x", "USERS_TIMEOUT": "y"}), "USERS", &c)
	for _, want := range []string{"USERS_PORT", "USERS_TIMEOUT", "USERS_DATABASE_URL"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("error %v does not mention %s", err, want)
		}
	}
}
