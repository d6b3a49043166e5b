-- The main job of the README: local files in, local files out, all in one embedded session.
-- Run from the repository root: ./codeanatomy-sql -f examples/quickstart.sql
CREATE EXTERNAL TABLE symbols STORED AS CSV LOCATION 'examples/data/symbols.csv' OPTIONS ('format.has_header' 'true');

-- Symbols per language and kind, with their average size in bytes.
SELECT lang, kind, count(*) AS symbols, round(avg(byte_end - byte_start), 1) AS avg_bytes
FROM symbols GROUP BY lang, kind ORDER BY lang, kind;

-- Write a Parquet copy, then read it back as a table.
COPY (SELECT * FROM symbols) TO 'target/quickstart/symbols.parquet' STORED AS PARQUET;
CREATE EXTERNAL TABLE symbols_parquet STORED AS PARQUET LOCATION 'target/quickstart/symbols.parquet';

-- The three largest symbols per repository, with a window function.
SELECT repo, name, path, byte_end - byte_start AS size
FROM (
  SELECT *, row_number() OVER (PARTITION BY repo ORDER BY byte_end - byte_start DESC, name) AS rank
  FROM symbols_parquet
) WHERE rank <= 3 ORDER BY repo, rank;

-- A Delta table with SQL alone. The first run creates it from the declared columns (version 0);
-- later runs find it on disk, and the declared columns must then match it.
CREATE EXTERNAL TABLE IF NOT EXISTS symbol_sizes (repo VARCHAR, lang VARCHAR, name VARCHAR, size BIGINT)
STORED AS DELTA PARTITIONED BY (lang) LOCATION 'target/quickstart/symbol_sizes';

-- Each INSERT is one Delta commit; the table is read at its new version right after.
INSERT OVERWRITE symbol_sizes SELECT repo, lang, name, byte_end - byte_start FROM symbols WHERE kind = 'function';
INSERT INTO symbol_sizes SELECT repo, lang, name, byte_end - byte_start FROM symbols WHERE kind <> 'function';
SELECT lang, count(*) AS symbols, sum(size) AS bytes FROM symbol_sizes GROUP BY lang ORDER BY lang;
