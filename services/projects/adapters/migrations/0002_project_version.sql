-- A project's version: one more with every event published about it, in
-- the same transaction (under the project's row lock). Events carry it as
-- projectVersion and GET internal/projects/{id}/members answers with it, so
-- the membership views of other services can order deliveries, ignore
-- repeats and tell when they missed one. Projects created before this
-- column start at 0.
ALTER TABLE projects ADD COLUMN version bigint NOT NULL DEFAULT 0;
