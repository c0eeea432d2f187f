package stack

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// SecretPrefix is the prefix of the variables the local.env secret store
// (components/local/secretstore.yaml) serves to the components.
const SecretPrefix = "TASKROCKET_"

// launcherOnly are TASKROCKET_ variables for the launcher itself; they are
// not handed to the sidecars.
var launcherOnly = []string{"TASKROCKET_PG_URL", "TASKROCKET_REDIS_URL", "TASKROCKET_TEST_PG_URL"}

// sidecarEnv returns the TASKROCKET_ variables of every daprd: the defaults
// of dapr/local.env, overridden by the launcher's environment, overridden
// by what the launcher itself decided (Redis, Postgres, its Mailpit).
func (s *Stack) sidecarEnv(localEnv string) (map[string]string, error) {
	env := map[string]string{}
	if isFile(localEnv) {
		defaults, err := ReadEnvFile(localEnv)
		if err != nil {
			return nil, err
		}
		for k, v := range defaults {
			if strings.HasPrefix(k, SecretPrefix) {
				env[k] = v
			}
		}
	}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, SecretPrefix) {
			env[k] = v
		}
	}
	for _, k := range launcherOnly {
		delete(env, k)
	}
	cp := s.layout.ControlPlane
	for k, v := range map[string]string{
		"REDIS_HOST":     s.redis.Addr,
		"REDIS_PASSWORD": s.redis.Password,
		"REDIS_DB":       strconv.Itoa(s.redis.DB),
		"STATE_PG_URL":   DatabaseURL(s.pgAdmin, StateDatabase+s.opts.DatabaseSuffix),
		"SMTP_HOST":      "127.0.0.1",
		"SMTP_PORT":      strconv.Itoa(cp.MailpitSMTP),
	} {
		env[SecretPrefix+k] = v
	}
	return env, nil
}

// ReadEnvFile reads KEY=VALUE lines (optionally `export KEY=VALUE`, values
// optionally quoted); blank lines and # comments are skipped.
func ReadEnvFile(path string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("%s:%d: want KEY=VALUE", path, n)
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		out[strings.TrimSpace(k)] = v
	}
	return out, sc.Err()
}
