-- The deadlines engine's warnings and the notification centre (issue 16 item 1): a clock that runs late
-- is warned about once (deadline.warned_at, set by the overdue sweep in the same transaction that writes
-- its notifications), and every notification is addressed to an organisation — optionally to one of its
-- users — with a kind and the parameters its zh-CN / en title is rendered from, a link the web opens, and
-- when it was read (by anyone of the organisation, or by the user it names).
ALTER TABLE deadline ADD COLUMN warned_at timestamptz;
-- The sweep reads the open clocks that are past due and not yet warned about.
CREATE INDEX deadline_unwarned_idx ON deadline (due_on) WHERE done_at IS NULL AND warned_at IS NULL;

CREATE TABLE notification (
  notification_id  bigserial PRIMARY KEY,
  organisation_id  integer NOT NULL REFERENCES organisation(organisation_id) ON DELETE CASCADE,
  -- Set: only this user of the organisation sees it; NULL: everyone of the organisation.
  user_id          integer REFERENCES app_user(user_id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{1,63}$'),
  params           jsonb NOT NULL DEFAULT '{}',
  link             text CHECK (link IS NULL OR link ~ '^/'),
  -- The clock a warning is about (NULL for notifications of other kinds); at most one warning of a kind
  -- per clock and recipient, whatever the sweep is run how often (UNIQUE treats NULLs as distinct).
  deadline_id      bigint REFERENCES deadline(deadline_id) ON DELETE CASCADE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  read_at          timestamptz,
  read_by          integer REFERENCES app_user(user_id) ON DELETE SET NULL,
  UNIQUE (deadline_id, organisation_id, kind)
);
CREATE INDEX notification_inbox_idx ON notification (organisation_id, created_at DESC, notification_id DESC);
CREATE INDEX notification_unread_idx ON notification (organisation_id) WHERE read_at IS NULL;
