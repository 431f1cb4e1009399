-- A form sent twice creates one thing.  Every form of the portal carries a
-- one-time key (form_once, issued with the page: cgi/core/once.c); a form
-- that creates something (a change request of any type, a role request, a
-- comment) records the key with what it made, in the transaction that
-- makes it.  The same key sent again (a double click, a reload of the
-- answer) finds its row and is sent to what was made; two posts racing each
-- other meet on the primary key, and the later one makes nothing.  Rows a
-- day old are forgotten (a form left open longer is made again).
CREATE TABLE IF NOT EXISTS form_once (
  account_id    BIGINT UNSIGNED NOT NULL,
  form_key      CHAR(43) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  action        VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- the path the form posts to
  made          VARCHAR(300) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- where its answer sent the user
  made_at       DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (account_id, form_key, action),
  KEY form_once_made (made_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- What the public history shows of an approved request, without personal
-- contact data the requester proposed: a location's contact email and
-- phone (docs/architecture.md, "Change requests") appear in its proposal
-- only as they were approved, left out where the approval does not name
-- them; the requester and the stewards read the proposal as it was sent,
-- from change_request_records itself.  The other fields as migration 0013.
CREATE OR REPLACE SQL SECURITY DEFINER VIEW v_cr_public_records AS
  SELECT r.request_id, r.kind,
         IF(r.kind = 'proposed',
            JSON_MERGE_PATCH(r.record, JSON_OBJECT(
              'email', IF(JSON_EXISTS(r.record, '$.email'), JSON_VALUE(a.record, '$.email'), NULL),
              'phone', IF(JSON_EXISTS(r.record, '$.phone'), JSON_VALUE(a.record, '$.phone'), NULL))),
            r.record) AS record
    FROM change_request_records r
    JOIN change_request_records a ON a.request_id = r.request_id AND a.round = r.round AND a.kind = 'approved';
