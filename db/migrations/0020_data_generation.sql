-- The data generation: one number that every write of the reference data
-- (RMS and OMS: an import, generated data, an approved change request)
-- moves in the transaction that writes it.  Each worker of spor-public keeps
-- what changes only with such a write (the rendered table of a list's page,
-- cgi/core/fragment.h) tagged with the generation it was read at, and reads
-- the generation with the session in the request's first round trip: the
-- next page after a write, its writer's included, is read anew.  The number
-- only grows.
CREATE TABLE IF NOT EXISTS data_generation (
  id   TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  gen  BIGINT UNSIGNED NOT NULL DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

INSERT IGNORE INTO data_generation (id) VALUES (1);

-- spor-public's one statement before its page's own: the data generation
-- and, for a live session of the hash (NULL: none), its account as
-- spor_session() gave it but as plain columns (no JSON to build and take
-- apart again), with what it follows (kind:ref, comma-separated) so that no
-- page asks for its star apart.  Always one row; the session's columns are
-- NULL when there is no live session of that hash.  spor-public may read no
-- session table: the procedure is its boundary (definer's rights).
DROP PROCEDURE IF EXISTS spor_request;
CREATE PROCEDURE spor_request(IN p_hash BINARY(32), IN p_idle_seconds INT UNSIGNED)
  READS SQL DATA SQL SECURITY DEFINER
  SELECT g.gen, s.account_id, s.name, s.ui_lang, s.data_lang, s.page_size, s.date_format, s.console_roles,
         s.held_roles, s.pending_roles,
         (SELECT GROUP_CONCAT(CONCAT(f.kind, ':', f.ref) ORDER BY f.kind, f.ref) FROM favourites f
           WHERE f.account_id = s.account_id) AS follows
    FROM data_generation g
    LEFT JOIN v_session_user s ON s.token_hash = p_hash AND s.expires_at > UTC_TIMESTAMP()
         AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL p_idle_seconds SECOND
   WHERE g.id = 1;
