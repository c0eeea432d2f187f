-- Invitations to projects. Project and user ids belong to the projects and
-- users services (no foreign keys across services); the project's name is
-- recorded when the invitation is sent, for the invitee's list.
--
-- The invitee is addressed either by username (the account is known:
-- invitee_user_id, invitee_username) or by email address (invitee_email,
-- lower-cased; invitee_user_id is set when the address belongs to an
-- account, when someone signs up with it, or by whoever accepts).
CREATE TABLE invitations (
    id                  uuid        PRIMARY KEY,
    project_id          uuid        NOT NULL,
    project_name        text        NOT NULL,
    invitee_user_id     uuid,
    addressed_by        text        NOT NULL CHECK (addressed_by IN ('username', 'email')),
    invitee_username    text        NOT NULL DEFAULT '',
    invitee_email       text        NOT NULL DEFAULT '',
    role                text        NOT NULL CHECK (role IN ('participant')),
    message             text        NOT NULL DEFAULT '',
    status              text        NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled', 'expired')),
    invited_by          uuid        NOT NULL,
    invited_by_username text        NOT NULL DEFAULT '',
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    decided_at          timestamptz,
    decided_by          uuid,
    reason              text        NOT NULL DEFAULT '',
    CHECK (addressed_by <> 'username' OR invitee_user_id IS NOT NULL),
    CHECK (addressed_by <> 'email' OR invitee_email <> ''),
    CHECK ((status = 'pending') = (decided_at IS NULL))
);

-- At most one pending invitation per invitee and project: the invitee is
-- the account when known, else the email address. The name is part of the
-- contract with the code: a violation is reported as invitation_pending,
-- so concurrent sends are settled here.
CREATE UNIQUE INDEX invitations_pending_invitee_key ON invitations
    (project_id, (coalesce(invitee_user_id::text, 'email:' || invitee_email)))
    WHERE status = 'pending';

-- A project's list, newest first.
CREATE INDEX invitations_project_created ON invitations (project_id, created_at DESC, id DESC);
-- The invitee's pending list: by account, and by address before one is attached.
CREATE INDEX invitations_pending_user ON invitations (invitee_user_id, created_at DESC, id DESC)
    WHERE status = 'pending';
CREATE INDEX invitations_pending_email ON invitations (invitee_email, created_at DESC, id DESC)
    WHERE status = 'pending' AND invitee_user_id IS NULL;
-- The expiry worker's scan.
CREATE INDEX invitations_pending_expiry ON invitations (expires_at) WHERE status = 'pending';
