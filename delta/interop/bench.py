"""Side-by-side timings of this engine's Delta path and delta-rs (the Python `deltalake` package).

  delta/interop/.venv/bin/python delta/interop/bench.py [--rows N] [--files F] [--runs R] [--dir D]

(create the venv first with delta/interop/ensure_venv.sh; build the CLI with `mvn -q install -DskipTests`).

Workloads, each run R times (best time reported):
  append  N rows (id BIGINT, v DOUBLE, name STRING) into a new, unpartitioned table.
          delta-rs: write_deltalake of an in-memory Arrow table.
          ours:     INSERT INTO a Delta table from an in-memory table (CREATE TABLE … AS, untimed).
  scan    SELECT count(*), sum(id), sum(v), max(name) over an N-row table of F files (written by delta-rs).
          delta-rs: DeltaTable(path) + its QueryBuilder (DataFusion inside delta-rs).
          ours:     CREATE EXTERNAL TABLE … STORED AS DELTA + the same SELECT.
Our side runs in ./codeanatomy-sql. "statement" times are the CLI's own per-statement timings;
"end to end" is the process's wall time minus that of a CLI running `SELECT 1` (JVM and engine start-up),
so it includes Kernel's log replay and the table registration. Ratios are ours / delta-rs (< 1: ours is faster).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.compute as pc
from deltalake import DeltaTable, QueryBuilder, write_deltalake

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.path.join(ROOT, "codeanatomy-sql")
ELAPSED = re.compile(r"Elapsed ([0-9.]+) seconds")
SCAN_SQL = "SELECT count(*) AS n, sum(id) AS s, sum(v) AS sv, max(name) AS m FROM t"


def rows_table(first, count):
    ids = pa.array(range(first, first + count), pa.int64())
    return pa.table({
        "id": ids,
        "v": pc.multiply(pc.cast(ids, pa.float64()), 0.5),
        "name": pc.binary_join_element_wise("n", pc.cast(ids, pa.string()), ""),
    })


def cli(script):
    """Runs the script in one CLI session; returns (wall seconds, per-statement seconds, stdout)."""
    started = time.perf_counter()
    done = subprocess.run([CLI, "-c", script], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"codeanatomy-sql failed ({done.returncode}):\n{done.stderr}\n{done.stdout}")
    return wall, [float(x) for x in ELAPSED.findall(done.stdout)], done.stdout


def best(values):
    return min(values)


def bench_append(work, rows, runs):
    data = rows_table(0, rows)
    theirs = []
    for run in range(runs):
        path = os.path.join(work, f"rs_append_{run}")
        started = time.perf_counter()
        write_deltalake(path, data, mode="append")
        theirs.append(time.perf_counter() - started)
        assert DeltaTable(path).to_pyarrow_dataset().count_rows() == rows
    ours_statement, ours_wall = [], []
    for run in range(runs):
        path = os.path.join(work, f"ca_append_{run}")
        # The source is materialised in memory first (untimed by the statement timing, as delta-rs's is).
        script = (f"CREATE TABLE src AS SELECT value AS id, CAST(value AS DOUBLE) * 0.5 AS v, "
                  f"concat('n', value) AS name FROM generate_series(0, {rows - 1});"
                  f"CREATE EXTERNAL TABLE t (id BIGINT, v DOUBLE, name VARCHAR) STORED AS DELTA LOCATION '{path}';"
                  f"INSERT INTO t SELECT * FROM src")
        wall, statements, out = cli(script)
        assert f"| {rows}" in out, out
        ours_statement.append(statements[-1])
        ours_wall.append(wall)
        assert DeltaTable(path).to_pyarrow_dataset().count_rows() == rows
    return best(theirs), best(ours_statement), best(ours_wall)


def bench_scan(work, rows, files, runs, baseline):
    path = os.path.join(work, "scan_table")
    per_file = rows // files
    for index in range(files):
        write_deltalake(path, rows_table(index * per_file, per_file), mode="append")
    table = DeltaTable(path)
    assert len(table.file_uris()) == files
    theirs = []
    expected = None
    for _ in range(runs):
        started = time.perf_counter()
        result = QueryBuilder().register("t", DeltaTable(path)).execute(SCAN_SQL).read_all()
        theirs.append(time.perf_counter() - started)
        expected = result.column("n")[0].as_py()
    assert expected == per_file * files
    ours_statement, ours_wall = [], []
    for _ in range(runs):
        wall, statements, out = cli(f"CREATE EXTERNAL TABLE t STORED AS DELTA LOCATION '{path}'; {SCAN_SQL}")
        assert f"| {expected}" in out, out
        ours_statement.append(statements[-1])
        ours_wall.append(wall - baseline)
    return best(theirs), best(ours_statement), best(ours_wall)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default=None, help="work directory (default: a temporary one, removed after)")
    args = parser.parse_args()
    if not os.access(CLI, os.X_OK) or not os.path.isdir(os.path.join(ROOT, "cli", "target", "lib")):
        sys.exit("build the CLI first: mvn -q install -DskipTests")
    work = args.dir or tempfile.mkdtemp(prefix="delta-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        baseline = best([cli("SELECT 1")[0] for _ in range(args.runs)])
        rs_append, ca_append, ca_append_wall = bench_append(work, args.rows, args.runs)
        rs_scan, ca_scan, ca_scan_e2e = bench_scan(work, args.rows, args.files, args.runs, baseline)
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"rows={args.rows:,} files={args.files} runs={args.runs} (best of) cpus={os.cpu_count()} "
          f"cli start-up={baseline:.2f}s")
    print(f"{'workload':<34}{'delta-rs s':>12}{'ours s':>10}{'ours/delta-rs':>15}")
    print(f"{'append (statement)':<34}{rs_append:>12.3f}{ca_append:>10.3f}{ca_append / rs_append:>15.2f}")
    print(f"{f'scan {args.files} files (statement)':<34}{rs_scan:>12.3f}{ca_scan:>10.3f}{ca_scan / rs_scan:>15.2f}")
    print(f"{f'scan {args.files} files (register+query)':<34}{rs_scan:>12.3f}{ca_scan_e2e:>10.3f}{ca_scan_e2e / rs_scan:>15.2f}")
    print(f"(append end to end, ours incl. start-up and making the source: {ca_append_wall:.3f}s)")


if __name__ == "__main__":
    main()
