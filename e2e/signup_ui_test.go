package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Sign-up never traps a new user (ui/e2e/signup.mjs, Chromium): it signs
// in from its own answer, and when the account exists but no session came
// (a lost answer, auth down) the page says so and goes to sign in, where
// the account works.
func TestBrowserSignUpIsNeverTrapped(t *testing.T) {
	uiDist(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("e2e", "signup.mjs"))
	cmd.Dir = filepath.Join("..", "ui")
	cmd.Env = append(os.Environ(), "BASE_URL="+suite.URL("gateway"))
	out, err := cmd.CombinedOutput()
	t.Logf("ui/e2e/signup.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("sign-up browser check failed: %v", err)
	}
}
