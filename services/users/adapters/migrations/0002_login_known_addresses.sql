-- Addresses an account has signed in (or signed up) from. Such an account is
-- exempt from its address's failure limit, so other people's failed guesses
-- from the same address (an office behind one NAT) never refuse its correct
-- password. Rows are pruned when last_success_at is older than the
-- service's known-address lifetime, and removed when the account is deleted.
CREATE TABLE login_known_addresses (
    account_key     text        NOT NULL,
    client_ip       text        NOT NULL,
    last_success_at timestamptz NOT NULL,
    PRIMARY KEY (account_key, client_ip)
);

CREATE INDEX login_known_addresses_last_success_at ON login_known_addresses (last_success_at);
