-- Auth hardening (issue 11, items 7 and 8).

-- Second factor: the last accepted TOTP time step (RFC 6238 counter), so a code is accepted once; and
-- a pending secret, so starting a rebind does not switch off the bound one until the new one is confirmed.
ALTER TABLE app_user ADD COLUMN totp_last_step integer;
ALTER TABLE app_user ADD COLUMN totp_pending_secret_enc text;

-- Lockout is counted per (username, IP) as well as per username: the login log is read by both.
CREATE INDEX login_log_username_ip_idx ON login_log (lower(username), ip, created_at DESC);
