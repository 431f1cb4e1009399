-- Privileges of the three programs, applied by `sporctl migrate` after the
-- migrations (idempotent).  Each program's database user gets one role:
--   spor_public  (spor-public,  user spor_ro):    reference data, read-only, and one session
--                                                  by its hash (spor_request, migrations 0020, 0025),
--                                                  and the accounts' stamps (migration 0034)
--   spor_account (spor-account, user spor_app):   accounts and sessions of the signed-in user
--   spor_admin   (spor-admin,   user spor_admin): the console's tables
--   spor_mailer  (spor-mailer,  user spor_mail):  the outbox
-- Table names are unqualified: they apply to the database in use.

CREATE ROLE IF NOT EXISTS spor_public;
CREATE ROLE IF NOT EXISTS spor_account;
CREATE ROLE IF NOT EXISTS spor_admin;
CREATE ROLE IF NOT EXISTS spor_mailer;

-- Privileges taken back from databases migrated before they were narrowed
-- (a REVOKE of what was never granted is no error here).  spor-public
-- lists no sessions: it finds one by its hash through the functions below;
-- spor-admin neither reads password hashes nor sets them, nor where and
-- from what browser a session was started.
BEGIN NOT ATOMIC
  DECLARE CONTINUE HANDLER FOR 1141, 1147 BEGIN END;
  REVOKE SELECT ON v_session_user FROM spor_public;
  REVOKE SELECT ON v_session_favourites FROM spor_public;
  REVOKE SELECT ON v_session_favourites FROM spor_account;
  REVOKE SELECT, UPDATE ON accounts FROM spor_admin;
  REVOKE SELECT ON sessions FROM spor_admin;
END;

GRANT SELECT ON schema_migrations TO spor_public;
-- The data generation with the session, in one round trip (migrations 0020, 0025).
GRANT EXECUTE ON PROCEDURE spor_request TO spor_public;
-- A session's next page: the generation and its account's stamp (migration 0034).
GRANT SELECT ON data_generation TO spor_public;
GRANT SELECT ON account_stamps TO spor_public;
GRANT SELECT ON rms_lists TO spor_public;
GRANT SELECT ON rms_terms TO spor_public;
GRANT SELECT ON rms_term_names TO spor_public;
GRANT SELECT ON rms_term_words TO spor_public;
GRANT SELECT ON rms_term_descriptions TO spor_public;
GRANT SELECT ON rms_term_mappings TO spor_public;
GRANT SELECT ON rms_term_countries TO spor_public;
GRANT SELECT ON rms_term_attributes TO spor_public;
GRANT SELECT ON rms_term_versions TO spor_public;
GRANT SELECT ON rms_list_versions TO spor_public;
GRANT SELECT ON oms_org_versions TO spor_public;
GRANT SELECT ON oms_loc_versions TO spor_public;
-- The change feed, filled by the version tables' triggers (migration 0026).
GRANT SELECT ON change_feed TO spor_public;
GRANT SELECT ON oms_organisations TO spor_public;
GRANT SELECT ON oms_org_names TO spor_public;
GRANT SELECT ON oms_org_identifiers TO spor_public;
GRANT SELECT ON oms_locations TO spor_public;
GRANT SELECT ON oms_merged TO spor_public;
GRANT SELECT ON oms_org_words TO spor_public;
GRANT SELECT ON oms_stats TO spor_public;
GRANT SELECT ON word_stamps TO spor_public;
-- The archives of /downloads (migration 0027).
GRANT SELECT ON downloads TO spor_public;
-- The records of approved change requests, for the public history (migration 0013).
GRANT SELECT ON v_cr_public_records TO spor_public;

GRANT SELECT ON v_session_user TO spor_account;
GRANT SELECT, INSERT, UPDATE, DELETE ON accounts TO spor_account;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO spor_account;
GRANT SELECT, INSERT, UPDATE, DELETE ON account_tokens TO spor_account;
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_throttle TO spor_account;
GRANT SELECT, INSERT, DELETE ON favourites TO spor_account;
GRANT SELECT ON roles TO spor_account;
GRANT SELECT, DELETE ON account_roles TO spor_account;
GRANT INSERT ON audit_log TO spor_account;
GRANT SELECT (account_id), UPDATE (subject) ON audit_log TO spor_account;
GRANT SELECT ON rms_lists TO spor_account;
GRANT SELECT ON oms_organisations TO spor_account;
-- Requests: the account program creates them with the columns that decide
-- nothing (the status starts as SAVED or PENDING) and comments on them; the
-- owner's moves and edits go through the procedures of migration 0009, which
-- refuse any other status, so spor_account has no UPDATE on these tables.
GRANT SELECT ON role_requests TO spor_account;
GRANT INSERT (account_id, role_code, org_id, justification, document_name, document_sha256, document_size)
  ON role_requests TO spor_account;
GRANT EXECUTE ON PROCEDURE spor_role_request_withdraw TO spor_account;
GRANT SELECT ON change_requests TO spor_account;
GRANT INSERT (type, account_id, list_id, term_id, org_id, loc_id, lang, proposed, justification, base_seq,
              document_name, document_sha256, document_size) ON change_requests TO spor_account;
GRANT EXECUTE ON PROCEDURE spor_cr_owner_write TO spor_account;
GRANT SELECT ON change_request_events TO spor_account;
GRANT INSERT (request_id, actor_id, to_status, comment) ON change_request_events TO spor_account;
-- A request's records: read here, written only by spor_cr_owner_write (migration 0013).
GRANT SELECT ON change_request_records TO spor_account;
-- A form sent twice creates once: its key recorded with what it made (migration 0016).
GRANT SELECT, INSERT, DELETE ON form_once TO spor_account;
GRANT SELECT ON rms_terms TO spor_account;
-- A request's records name the terms and countries they refer to (core/sides.c).
GRANT SELECT ON rms_term_names TO spor_account;
GRANT SELECT ON rms_term_versions TO spor_account;
GRANT SELECT ON oms_locations TO spor_account;
-- Organisations with names like a new one's, shown before it is proposed.
GRANT SELECT ON oms_org_words TO spor_account;
GRANT SELECT ON word_stamps TO spor_account;
-- Two-step sign-in's secrets, recovery codes and pending sign-ins: spor-account's alone.
GRANT SELECT, INSERT, UPDATE, DELETE ON account_totp TO spor_account;
GRANT SELECT, INSERT, UPDATE, DELETE ON account_recovery_codes TO spor_account;
GRANT SELECT, INSERT, DELETE ON login_pending TO spor_account;
-- Personal access tokens: their owner makes, lists and revokes them; they
-- are never deleted (the audit log names them).
GRANT SELECT, INSERT, UPDATE (last_used_at, revoked_at) ON access_tokens TO spor_account;
GRANT SELECT ON v_token_user TO spor_account;
-- The write API's idempotency keys (migration 0033), as spor-admin's.
GRANT SELECT, INSERT, UPDATE, DELETE ON api_idempotency TO spor_account;

GRANT SELECT ON v_session_user TO spor_admin;
-- Every column but the password hash; locking and unlocking change the status.
GRANT SELECT (id, email, name, status, created_at, updated_at, ui_lang, data_lang, page_size, date_format,
              notify_requests, notify_following, notify_queue, last_login_at),
      UPDATE (status, updated_at) ON accounts TO spor_admin;
-- Sessions: finding one, recording its use, ending an account's (locking);
-- not the browser and the address it started from (migration 0012), which
-- only their owner sees, through spor-account.
GRANT SELECT (token_hash, account_id, created_at, last_seen_at, expires_at), UPDATE (last_seen_at)
  ON sessions TO spor_admin;
GRANT DELETE ON sessions TO spor_admin;
-- Locking an account revokes its access tokens (session_end_all); a
-- steward's token decides requests over the API.
GRANT SELECT, UPDATE (last_used_at, revoked_at) ON access_tokens TO spor_admin;
GRANT SELECT ON v_token_user TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON api_idempotency TO spor_admin;
GRANT SELECT ON roles TO spor_admin;
GRANT SELECT, INSERT, DELETE ON account_roles TO spor_admin;
GRANT SELECT, INSERT ON audit_log TO spor_admin;
GRANT DELETE ON auth_throttle TO spor_admin;
-- Whether an account has two-step sign-in on (no secret): the console requires it.
GRANT SELECT ON v_two_factor TO spor_admin;
GRANT SELECT, UPDATE ON role_requests TO spor_admin;
-- Approving an organisation's change request writes OMS.
GRANT SELECT, INSERT, UPDATE, DELETE ON oms_organisations TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON oms_org_names TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON oms_org_identifiers TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON oms_locations TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON oms_merged TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON oms_org_words TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON oms_stats TO spor_admin;
GRANT SELECT, INSERT ON oms_org_versions TO spor_admin;
GRANT SELECT, INSERT ON oms_loc_versions TO spor_admin;
GRANT SELECT, UPDATE ON change_requests TO spor_admin;
GRANT SELECT, INSERT ON change_request_events TO spor_admin;
-- A decision adds its records (never changes one: migration 0013's triggers);
-- a refused decision form is kept for the page it redirects to.
GRANT SELECT, INSERT ON change_request_records TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON change_request_drafts TO spor_admin;
GRANT SELECT, INSERT, DELETE ON form_once TO spor_admin;
GRANT SELECT ON favourites TO spor_admin;
-- Approving a change request writes the reference data.
GRANT SELECT, INSERT, UPDATE ON rms_lists TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON rms_terms TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON rms_term_names TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON rms_term_words TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON rms_term_descriptions TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON rms_term_mappings TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON rms_term_countries TO spor_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON rms_term_attributes TO spor_admin;
GRANT SELECT, INSERT ON rms_term_versions TO spor_admin;
-- A batch of term versions into the change feed (migration 0032).
GRANT EXECUTE ON PROCEDURE change_feed_terms TO spor_admin;
GRANT SELECT, INSERT ON rms_list_versions TO spor_admin;
GRANT SELECT, UPDATE ON word_stamps TO spor_admin;
-- An approval moves the data generation (migration 0020).
GRANT SELECT, UPDATE ON data_generation TO spor_admin;

GRANT INSERT ON outbox TO spor_account;
GRANT INSERT ON outbox TO spor_admin;
GRANT SELECT, UPDATE ON outbox TO spor_mailer;

-- Create or update a program's user and give it its role.  Names and the
-- password are quoted by the server; sporctl passes them as parameters.
DROP PROCEDURE IF EXISTS spor_grant_user;
CREATE PROCEDURE spor_grant_user(IN p_role VARCHAR(64), IN p_user VARCHAR(80), IN p_host VARCHAR(255),
                                 IN p_password VARCHAR(255))
  SQL SECURITY INVOKER
BEGIN
  DECLARE who VARCHAR(400) DEFAULT CONCAT(QUOTE(p_user), '@', QUOTE(p_host));
  IF p_role NOT IN ('spor_public', 'spor_account', 'spor_admin', 'spor_mailer') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'unknown portal role';
  END IF;
  EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ', who, ' IDENTIFIED BY ', QUOTE(p_password));
  EXECUTE IMMEDIATE CONCAT('ALTER USER ', who, ' IDENTIFIED BY ', QUOTE(p_password));
  EXECUTE IMMEDIATE CONCAT('GRANT ', p_role, ' TO ', who);
  EXECUTE IMMEDIATE CONCAT('SET DEFAULT ROLE ', p_role, ' FOR ', who);
END;
