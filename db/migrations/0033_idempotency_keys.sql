-- The write API's Idempotency-Key: a program that sends a write again
-- after a timeout, with the same key, gets the first answer again instead
-- of a second request made.  One row per token and key (the key's SHA-256),
-- written in the same transaction as what the request wrote, so that a
-- second request with the key waits for the first and then reads its
-- answer.  The request's fingerprint (the SHA-256 of its method, path,
-- query and body) tells a retry from another request that reuses the key.
-- Kept a day; a token's older keys are deleted when it next uses a key.
CREATE TABLE IF NOT EXISTS api_idempotency (
  token_id      BIGINT UNSIGNED NOT NULL,
  key_hash      BINARY(32) NOT NULL,
  fingerprint   BINARY(32) NOT NULL,
  created_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  status        SMALLINT UNSIGNED NULL,
  content_type  VARCHAR(100) NULL,
  location      VARCHAR(2048) NULL,
  body          MEDIUMBLOB NULL,
  PRIMARY KEY (token_id, key_hash),
  CONSTRAINT api_idempotency_token FOREIGN KEY (token_id) REFERENCES access_tokens (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
