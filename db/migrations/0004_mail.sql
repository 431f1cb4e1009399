-- The notification outbox: every state change that mails someone writes its
-- message here in the same transaction; spor-mailer sends what is due over
-- SMTP, retrying with back-off, and marks each message sent.

CREATE TABLE IF NOT EXISTS outbox (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind            VARCHAR(40) NOT NULL,          -- verify, reset, role-decision, ...
  recipient       VARCHAR(254) NOT NULL,
  subject         VARCHAR(300) NOT NULL,
  body            TEXT NOT NULL,
  created_at      DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  attempts        INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3) NOT NULL DEFAULT UTC_TIMESTAMP(3),
  sent_at         DATETIME NULL,
  last_error      VARCHAR(500) NULL,
  KEY outbox_due (sent_at, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
