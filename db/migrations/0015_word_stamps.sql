-- When each word index last changed.  Every worker of the portal keeps the
-- distinct words of rms_term_words and oms_org_words in memory for the
-- search that forgives misspellings (cgi/core/words_near.c), and reads
-- them again once the index's stamp has moved: the stores move it in the
-- transaction that writes the words (an import, generated data, an
-- approved change request), so a worker sees a new import at its next
-- forgiving search.  One row per index; the stamp only grows.
CREATE TABLE IF NOT EXISTS word_stamps (
  word_index    VARCHAR(40) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  stamp         BIGINT UNSIGNED NOT NULL DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

INSERT IGNORE INTO word_stamps (word_index) VALUES ('rms_term_words'), ('oms_org_words');
