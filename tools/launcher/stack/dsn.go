package stack

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// StateDatabase is the database of the Postgres-backed Dapr state stores
// (components/local/*-state.yaml, secret STATE_PG_URL).
const StateDatabase = "taskrocket_state"

// DatabaseURLSuffix marks the environment variables that hold an app's
// Postgres connection URL (USERS_DATABASE_URL, …).
const DatabaseURLSuffix = "_DATABASE_URL"

// RewriteDSN points an app's Postgres URL at the server of admin (host,
// port, user, password) and appends suffix to its database name; the
// template decides which database, the environment which server. Query
// parameters of dsn (sslmode, …) are kept.
func RewriteDSN(dsn string, admin *url.URL, suffix string) (rewritten, database string, err error) {
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", "", fmt.Errorf("database URL %q: want postgres://user@host:port/database", redact(dsn))
	}
	database = strings.TrimPrefix(u.Path, "/")
	if database == "" || strings.Contains(database, "/") {
		return "", "", fmt.Errorf("database URL %q: no database name", redact(dsn))
	}
	database += suffix
	u.User = admin.User
	u.Host = admin.Host
	u.Path = "/" + database
	u.RawPath = ""
	return u.String(), database, nil
}

// DatabaseURL returns the URL of database on the server of admin, with the
// admin URL's query parameters.
func DatabaseURL(admin *url.URL, database string) string {
	u := *admin
	u.Path = "/" + database
	u.RawPath = ""
	return u.String()
}

// ParsePostgresURL parses an admin connection URL and fills in the default
// port.
func ParsePostgresURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Hostname() == "" {
		return nil, fmt.Errorf("postgres URL %q: want postgres://user[:password]@host[:port]/database", redact(s))
	}
	if u.Port() == "" {
		u.Host = net.JoinHostPort(u.Hostname(), "5432")
	}
	return u, nil
}

// RedisServer is a Redis endpoint as the Dapr components need it.
type RedisServer struct {
	Addr     string // host:port
	Password string
	DB       int
}

// ParseRedisURL accepts redis://[:password@]host[:port][/db] or host:port.
func ParseRedisURL(s string) (RedisServer, error) {
	if !strings.Contains(s, "://") {
		s = "redis://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "redis" || u.Hostname() == "" {
		return RedisServer{}, fmt.Errorf("redis URL %q: want redis://[:password@]host:port[/db]", redact(s))
	}
	r := RedisServer{Addr: u.Host}
	if u.Port() == "" {
		r.Addr = net.JoinHostPort(u.Hostname(), "6379")
	}
	if pw, ok := u.User.Password(); ok {
		r.Password = pw
	}
	if db := strings.Trim(u.Path, "/"); db != "" {
		if r.DB, err = strconv.Atoi(db); err != nil || r.DB < 0 {
			return RedisServer{}, fmt.Errorf("redis URL %q: database %q is not a number", redact(s), db)
		}
	}
	return r, nil
}

// redact hides a password in a URL for error messages.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
