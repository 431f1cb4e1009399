-- spor-public finds a session only by presenting its token's hash: two
-- functions that run with their definer's rights (the database owner) and
-- answer for one hash at a time, so that spor-public's user needs no SELECT
-- on sessions or on the views over them and cannot list anyone's session.
-- spor-account and spor-admin, which write sessions, keep reading
-- v_session_user.  READS SQL DATA: allowed with the binary log on (replicas).

-- The live session of one hash, as spor-public's pages need it (who is
-- signed in, their preferences, the roles that open the console), as a JSON
-- object; NULL for an unknown, expired or idle session (idle: not used for
-- p_idle_seconds, the configuration's session.idle_seconds).
CREATE OR REPLACE FUNCTION spor_session(p_hash BINARY(32), p_idle_seconds INT UNSIGNED)
  RETURNS LONGTEXT CHARACTER SET utf8mb4
  READS SQL DATA SQL SECURITY DEFINER
  RETURN (SELECT JSON_OBJECT('account_id', account_id, 'name', name, 'ui_lang', ui_lang, 'data_lang', data_lang,
                             'page_size', page_size, 'date_format', date_format, 'console_roles', console_roles)
          FROM v_session_user
          WHERE token_hash = p_hash AND expires_at > UTC_TIMESTAMP()
            AND last_seen_at > UTC_TIMESTAMP() - INTERVAL p_idle_seconds SECOND);

-- Whether the account of one live session follows a list or an organisation: 1 or 0.
CREATE OR REPLACE FUNCTION spor_session_follows(p_hash BINARY(32), p_kind VARCHAR(20), p_ref VARCHAR(13))
  RETURNS TINYINT
  READS SQL DATA SQL SECURITY DEFINER
  RETURN EXISTS (SELECT 1 FROM sessions s JOIN favourites f ON f.account_id = s.account_id
                 WHERE s.token_hash = p_hash AND s.expires_at > UTC_TIMESTAMP()
                   AND f.kind = p_kind AND f.ref = p_ref);

-- Its only reader was spor-public's star, which asks spor_session_follows().
DROP VIEW IF EXISTS v_session_favourites;
