-- Projects and their members. A deleted project is removed for good (with
-- its members, by cascade) in the same transaction as its project.deleted
-- event: other services drop their data on that event, so nothing here
-- needs to outlive it.
CREATE TABLE projects (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    color       text        NOT NULL DEFAULT '',
    key         text        NOT NULL,
    -- Kept equal to the member whose role is 'owner' (same transaction),
    -- so that keys can be unique per owner.
    owner_id    uuid        NOT NULL,
    archived_at timestamptz,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- The name is part of the contract with the code: a violation is reported
-- to clients as project_key_taken.
CREATE UNIQUE INDEX projects_owner_key ON projects (owner_id, key);

CREATE TABLE project_members (
    project_id uuid        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('owner', 'participant')),
    joined_at  timestamptz NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

-- Exactly one owner per project: at most one here, at least one because
-- every change of owner demotes and promotes in one transaction.
CREATE UNIQUE INDEX project_members_one_owner ON project_members (project_id) WHERE role = 'owner';

-- "My projects" and "every project of a user" start from the user's
-- memberships; the covering columns avoid a heap visit per membership.
CREATE INDEX project_members_by_user ON project_members (user_id) INCLUDE (project_id, role);

-- Member lists are paged by (joined_at, user_id) within a project; this
-- also finds the longest-standing participant when an owner's account is
-- deleted.
CREATE INDEX project_members_by_joined ON project_members (project_id, joined_at, user_id);
