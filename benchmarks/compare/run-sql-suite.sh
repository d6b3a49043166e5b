#!/usr/bin/env bash
# Times the TPC-H-like SQL suite (queries/q*.sql) on our engine, datafusion-python and DuckDB over the
# same generated Parquet files, checks that all three return the same answers, and prints per-query
# times, the ratios ours/datafusion-python and ours/DuckDB, and their geometric means.
#
#   benchmarks/compare/run-sql-suite.sh [SCALE]      SCALE defaults to 0.5 (3M lineitem rows)
#   environment: THREADS, WARMUPS, RUNS (defaults in compare_engines.py: 2 threads, 2 warm-up and
#   9 timed runs per engine and query)
#
# Our engine is taken from the local Maven repository (installed on first use by
# `mvn -pl benchmarks -am install`); re-run `mvn install` after changing the engine.
set -euo pipefail

scale="${1:-0.5}"

compare_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$compare_dir/../.." && pwd)"
venv="$compare_dir/.venv"
work="$repo/benchmarks/target/sql-suite"
data="$work/tpch-sf$scale"
classpath="$work/classpath.txt"
mkdir -p "$work"

echo "== Python engines (venv $venv)"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$compare_dir/requirements.txt"

echo "== data (scale $scale)"
if [[ -d "$data" ]]; then
  echo "reusing $data"
else
  "$venv/bin/python" "$compare_dir/gen_tpch.py" "$scale" "$data"
fi

echo "== our engine"
cd "$repo"
# Quiet Maven that shows its output only when it fails.
maven() { mvn -q -B "$@" >"$work/maven.log" 2>&1 || { cat "$work/maven.log"; return 1; }; }
if ! mvn -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$classpath" >/dev/null 2>&1; then
  echo "engine modules not installed yet: mvn -pl benchmarks -am install -DskipTests"
  maven -pl benchmarks -am install -DskipTests
  maven -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$classpath"
fi
maven -pl benchmarks package -DskipTests

echo "== ours vs datafusion-python vs DuckDB"
"$venv/bin/python" "$compare_dir/compare_engines.py" --data "$data" --queries "$compare_dir/queries" \
  ${THREADS:+--threads "$THREADS"} ${WARMUPS:+--warmups "$WARMUPS"} ${RUNS:+--runs "$RUNS"} -- \
  java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$(cat "$classpath"):benchmarks/target/classes" \
  io.codeanatomy.benchmarks.compare.SqlSuiteRunner
