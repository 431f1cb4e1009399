-- Every role a session's account holds and every role it has asked for and
-- is waiting for, so that each page knows what its user may do before
-- offering it: a "Propose a change" link only to those whose proposal would
-- be taken, and to the others the role it needs and the way to ask for it,
-- or their request that waits (cgi/core/may.c).  Each is a comma-separated
-- list of ROLE_CODE:ORG-ID (agency roles with an empty ORG-ID).  The
-- console's roles stay as they were.
CREATE OR REPLACE SQL SECURITY DEFINER VIEW v_session_user AS
  SELECT s.token_hash, s.account_id, a.name, s.last_seen_at, s.expires_at,
         a.ui_lang, a.data_lang, a.page_size, a.date_format,
         (SELECT GROUP_CONCAT(DISTINCT r.role_code ORDER BY r.role_code) FROM account_roles r
           WHERE r.account_id = a.id AND (r.org_id = '' OR r.role_code = 'INDUSTRY_SUPER_USER')) AS console_roles,
         (SELECT GROUP_CONCAT(CONCAT(r.role_code, ':', r.org_id) ORDER BY r.role_code, r.org_id)
            FROM account_roles r WHERE r.account_id = a.id) AS held_roles,
         (SELECT GROUP_CONCAT(CONCAT(q.role_code, ':', q.org_id) ORDER BY q.role_code, q.org_id)
            FROM role_requests q WHERE q.account_id = a.id AND q.status = 'PENDING') AS pending_roles
  FROM sessions s JOIN accounts a ON a.id = s.account_id
  WHERE a.status = 'active';

CREATE OR REPLACE FUNCTION spor_session(p_hash BINARY(32), p_idle_seconds INT UNSIGNED)
  RETURNS LONGTEXT CHARACTER SET utf8mb4
  READS SQL DATA SQL SECURITY DEFINER
  RETURN (SELECT JSON_OBJECT('account_id', account_id, 'name', name, 'ui_lang', ui_lang, 'data_lang', data_lang,
                             'page_size', page_size, 'date_format', date_format, 'console_roles', console_roles,
                             'held_roles', held_roles, 'pending_roles', pending_roles)
          FROM v_session_user
          WHERE token_hash = p_hash AND expires_at > UTC_TIMESTAMP()
            AND last_seen_at > UTC_TIMESTAMP() - INTERVAL p_idle_seconds SECOND);
