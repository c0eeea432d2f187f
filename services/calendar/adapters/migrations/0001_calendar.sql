-- Recurring tasks, meetings, reminders and feed tokens of TaskRocket's
-- calendar. Users and projects belong to other services: their ids are
-- plain uuids here (no foreign key across services).
--
-- A recurrence is stored as its spec (domain.SeriesSpec): the local start
-- (wall clock, 2006-01-02T15:04:05), the IANA zone, and either the RRULE in
-- canonical form (UNTIL in UTC) or the after-completion interval. first_at
-- and last_at (NULL: no end) are the instants of the first and last
-- occurrence, kept so that a range query reads only what may overlap it.

CREATE TABLE task_series (
    id          uuid        PRIMARY KEY,
    project_id  uuid        NOT NULL,
    created_by  uuid        NOT NULL,
    title       text        NOT NULL,
    start_local text        NOT NULL,
    timezone    text        NOT NULL,
    mode        text        NOT NULL CHECK (mode IN ('fixed', 'after_completion')),
    rrule       text,
    every_n     integer,
    unit        text        CHECK (unit IN ('days', 'weeks')),
    first_at    timestamptz NOT NULL,
    last_at     timestamptz,
    next_due_at timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT task_series_mode_fields CHECK (
        mode = 'fixed' AND rrule IS NOT NULL AND every_n IS NULL AND unit IS NULL
        OR mode = 'after_completion' AND rrule IS NULL AND every_n BETWEEN 1 AND 365 AND unit IS NOT NULL),
    CONSTRAINT task_series_last_after_first CHECK (last_at >= first_at)
);

CREATE INDEX task_series_by_project ON task_series (project_id, first_at);

-- start_at/end_at are the first occurrence's; last_end_at is when the last
-- occurrence ends (end_at for a single meeting, NULL for one without end).
CREATE TABLE meetings (
    id           uuid        PRIMARY KEY,
    project_id   uuid,
    organizer_id uuid        NOT NULL,
    title        text        NOT NULL,
    description  text        NOT NULL DEFAULT '',
    location     text        NOT NULL DEFAULT '',
    link         text        NOT NULL DEFAULT '',
    start_at     timestamptz NOT NULL,
    end_at       timestamptz NOT NULL,
    start_local  text        NOT NULL,
    timezone     text        NOT NULL,
    rrule        text,
    last_end_at  timestamptz,
    version      bigint      NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT meetings_end_after_start CHECK (end_at > start_at),
    CONSTRAINT meetings_single_ends CHECK (rrule IS NOT NULL OR last_end_at = end_at)
);

CREATE INDEX meetings_by_organizer ON meetings (organizer_id, start_at);

CREATE TABLE meeting_attendees (
    meeting_id   uuid        NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL,
    response     text        NOT NULL DEFAULT 'needs_action'
        CHECK (response IN ('needs_action', 'accepted', 'declined', 'tentative')),
    responded_at timestamptz,
    PRIMARY KEY (meeting_id, user_id)
);

-- "My meetings": those I am invited to.
CREATE INDEX meeting_attendees_by_user ON meeting_attendees (user_id, meeting_id);

-- One reminder per user, object and lead time; reported as reminder_exists.
CREATE TABLE reminders (
    id             uuid        PRIMARY KEY,
    user_id        uuid        NOT NULL,
    target_kind    text        NOT NULL CHECK (target_kind IN ('meeting', 'task_series', 'task')),
    target_id      uuid        NOT NULL,
    minutes_before integer     NOT NULL CHECK (minutes_before BETWEEN 0 AND 40320),
    created_at     timestamptz NOT NULL,
    CONSTRAINT reminders_once UNIQUE (user_id, target_kind, target_id, minutes_before)
);

CREATE INDEX reminders_by_target ON reminders (target_kind, target_id);

-- Only the SHA-256 of a feed token is kept; a revoked token stays, marked,
-- so that its feed answers "not found" rather than someone else's.
CREATE TABLE feed_tokens (
    id           uuid        PRIMARY KEY,
    user_id      uuid        NOT NULL,
    name         text        NOT NULL DEFAULT '',
    token_hash   bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

CREATE INDEX feed_tokens_by_user ON feed_tokens (user_id) WHERE revoked_at IS NULL;
