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

-- spor-public reads it with the session in one call, spor_request()
-- (migration 0025).
