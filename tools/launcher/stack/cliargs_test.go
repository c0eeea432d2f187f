package stack

import (
	"path/filepath"
	"slices"
	"testing"
)

// The arguments the dapr CLI 1.16 gives the users sidecar for our
// template, in the CLI's order (its RunConfig fields, shared ones first),
// with mTLS on because dapr/config/users.yaml enables it.
func TestCLIDaprdArgsForTheUsersApp(t *testing.T) {
	t.Parallel()
	root, _ := filepath.Abs(filepath.Join("..", "..", ".."))
	tmpl, err := LoadTemplate(filepath.Join(root, "dapr", "dapr.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := CLIDaprdArgs(tmpl, "users")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"--config", filepath.Join(root, "dapr", "config", "users.yaml"),
		"--app-protocol", "http", "--dapr-listen-addresses", "127.0.0.1", "--log-level", "info",
		"--app-max-concurrency", "-1", "--placement-host-address", "127.0.0.1:50005",
		"--resources-path", filepath.Join(root, "components", "local"),
		"--resources-path", filepath.Join(root, "components", "subscriptions"),
		"--max-body-size", "4Mi", "--read-buffer-size", "4Ki",
		"--enable-app-health-check", "--app-health-check-path", "/healthz", "--app-health-probe-interval", "2",
		"--app-health-probe-timeout", "1000", "--app-health-threshold", "2",
		"--scheduler-host-address", "127.0.0.1:50006",
		"--app-id", "users", "--app-port", "8101", "--dapr-http-port", "3501", "--dapr-grpc-port", "50101",
		"--profile-port", "-1", "--metrics-port", "9191", "--dapr-internal-grpc-port", "50201",
		"--enable-mtls", "--sentry-address", "localhost:50001",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("CLI arguments\n got %q\nwant %q", got, want)
	}
	if _, err := CLIDaprdArgs(tmpl, "nosuchapp"); err == nil {
		t.Fatal("an unknown app id must be an error")
	}
}
