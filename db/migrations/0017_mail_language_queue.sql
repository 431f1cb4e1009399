-- Mail in its recipient's language, the notice of requests waiting, and
-- what an audit event is about.
--
-- Each message keeps the language it was written in (the recipient's
-- preference, else English), which spor-mailer sends as its
-- Content-Language header.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS lang VARCHAR(12) NOT NULL DEFAULT 'en' AFTER recipient;

-- A request that has just arrived in a queue: a role request waiting for
-- its organisation's super users (else the administrators), a change
-- request submitted (again) to the data stewards.  The triggers below write
-- the row in the transaction that puts the request there, whichever
-- program or procedure does it; `sporctl notify`, run every minute, mails
-- each decider who keeps the "requests waiting for my decision"
-- notification one message listing every new request of their queues, then
-- marks the rows mailed.
CREATE TABLE IF NOT EXISTS queue_notices (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind          ENUM('role', 'change') NOT NULL,
  request_id    BIGINT UNSIGNED NOT NULL,
  created_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  mailed_at     DATETIME NULL,
  KEY queue_notices_due (mailed_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE OR REPLACE TRIGGER role_requests_queued AFTER INSERT ON role_requests FOR EACH ROW
  IF NEW.status = 'PENDING' THEN
    INSERT INTO queue_notices (kind, request_id) VALUES ('role', NEW.id);
  END IF;
CREATE OR REPLACE TRIGGER change_requests_queued AFTER INSERT ON change_requests FOR EACH ROW
  IF NEW.status = 'SUBMITTED' THEN
    INSERT INTO queue_notices (kind, request_id) VALUES ('change', NEW.id);
  END IF;
CREATE OR REPLACE TRIGGER change_requests_requeued AFTER UPDATE ON change_requests FOR EACH ROW
  IF NEW.status = 'SUBMITTED' AND OLD.status <> 'SUBMITTED' THEN
    INSERT INTO queue_notices (kind, request_id) VALUES ('change', NEW.id);
  END IF;

-- What an audit event is about besides the account it concerns: a role
-- request, a change request or an organisation, which the console's audit
-- log links to.
ALTER TABLE audit_log
  ADD COLUMN IF NOT EXISTS about_kind ENUM('role_request', 'change_request', 'organisation') NULL AFTER actor_id,
  ADD COLUMN IF NOT EXISTS about_id VARCHAR(20) NULL AFTER about_kind;
