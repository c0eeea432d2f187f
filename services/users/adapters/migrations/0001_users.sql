-- Accounts. Emails and usernames are stored lower-cased by the service.
-- A deleted account keeps its row (id, timestamps) with personal data
-- replaced by tombstones; the unique indexes cover live rows only, so a
-- deleted account's email and username can be used again.
CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL,
    username      text        NOT NULL,
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    timezone      text        NOT NULL DEFAULT 'UTC',
    locale        text        NOT NULL DEFAULT 'en',
    avatar_url    text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);

-- The names are part of the contract with the code: a unique violation on
-- one of them is reported to clients as email_taken / username_taken.
CREATE UNIQUE INDEX users_email_live_key ON users (email) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX users_username_live_key ON users (username) WHERE deleted_at IS NULL;

-- Sign-in attempts, for throttling password guessing per account and per
-- client address. An attempt is recorded before the password is checked
-- and the account's rows are removed when a check succeeds, so what
-- remains in the window are failures. Rows older than the window are
-- pruned. account_key is the user id, or a hash of the login string when
-- no account matches (the login itself may be a mistyped password).
CREATE TABLE login_attempts (
    id           bigserial   PRIMARY KEY,
    account_key  text        NOT NULL,
    client_ip    text        NOT NULL,
    attempted_at timestamptz NOT NULL
);

CREATE INDEX login_attempts_account ON login_attempts (account_key, attempted_at);
CREATE INDEX login_attempts_client_ip ON login_attempts (client_ip, attempted_at);
CREATE INDEX login_attempts_attempted_at ON login_attempts (attempted_at);
