-- Reminders delivered: a reminder may come at a time of day on a task's
-- due date (at_time, minutes_before then 0); each reminder keeps the last
-- occurrence it reminded of, when its next notice is scheduled and a
-- snooze. reminder_deliveries holds one row per notice published (per
-- occurrence, and per snooze of it): the key that makes a schedule
-- delivered twice publish once.
ALTER TABLE reminders
    ADD COLUMN at_time            text CHECK (at_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    ADD COLUMN last_occurrence_at timestamptz,
    ADD COLUMN next_fire_at       timestamptz,
    ADD COLUMN snooze_until       timestamptz,
    ADD COLUMN snooze_seq         integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT reminders_at_time_alone CHECK (at_time IS NULL OR minutes_before = 0);

ALTER TABLE reminders DROP CONSTRAINT reminders_once;

CREATE UNIQUE INDEX reminders_once ON reminders (user_id, target_kind, target_id, minutes_before, COALESCE(at_time, ''));

CREATE INDEX reminders_by_user ON reminders (user_id);

CREATE TABLE reminder_deliveries (
    reminder_id   uuid        NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
    occurrence_at timestamptz NOT NULL,
    snooze_seq    integer     NOT NULL,
    event_id      uuid        NOT NULL,
    delivered_at  timestamptz NOT NULL,
    PRIMARY KEY (reminder_id, occurrence_at, snooze_seq)
);
