-- What an account's owner sees of each of its sessions at /account/sessions
-- (OWASP ASVS 3.3.4: view the active sessions, and sign out any of them):
-- where and from what it was started, and a handle to name it by.
--
-- public_id names a session in the page's links and forms: 256 random bits
-- (43 base64url characters), made by the database for every new row and for
-- the rows already there.  It is neither the token nor its hash, so a page,
-- a log or a browser's history that shows it gives nobody the session; and
-- it means something only together with its own account (the page looks it
-- up with the signed-in account's ID).
--
-- user_agent and client_addr are what the browser and nginx said when the
-- session started (sign-in, or its second step): the User-Agent header's
-- first 255 bytes in printable ASCII (cgi/http.c), and the client address.
-- Personal data: only spor-account reads them (db/grants.sql); they go with
-- the session's row.
ALTER TABLE sessions
  ADD COLUMN IF NOT EXISTS public_id CHAR(43) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
    DEFAULT (LEFT(REPLACE(REPLACE(TO_BASE64(RANDOM_BYTES(32)), '+', '-'), '/', '_'), 43)) AFTER token_hash,
  ADD COLUMN IF NOT EXISTS user_agent VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS client_addr VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  ADD UNIQUE KEY IF NOT EXISTS sessions_public_id (public_id);
