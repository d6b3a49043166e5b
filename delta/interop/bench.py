"""Side-by-side timings of this engine's Delta path, delta-rs (the Python `deltalake` package) and
Delta Kernel's default Parquet reader, in one run on one machine.

  delta/interop/.venv/bin/python delta/interop/bench.py [--rows N] [--files F] [--runs R] [--dir D]
      [--merge-rows M] [--small-files S] [--maven-option=OPTION ...]

(create the venv first with delta/interop/ensure_venv.sh and install the project with
`mvn -q install -DskipTests`; each --maven-option is passed on to Maven, e.g. --maven-option=-o).

Workloads (rows `id BIGINT, v DOUBLE = id * 0.5, name STRING = 'n' || id`):
  append  N rows into a new, unpartitioned table.
          delta-rs: write_deltalake of an in-memory Arrow table.
          ours:     DeltaTable.write of a query over an in-memory table (JMH, DeltaBenchmark.append), and
                    INSERT INTO a Delta table from an in-memory table in the CLI (cold JVM).
  scan    an N-row table of F files, written by delta-rs, read in full.
          delta-rs: DeltaTable(path) + its QueryBuilder running SCAN_SQL (DataFusion inside delta-rs),
                    and DeltaTable(path).to_pyarrow_table() (every column materialised).
          ours:     DeltaTables.register + SCAN_SQL (JMH, DeltaBenchmark.engineScan), and
                    CREATE EXTERNAL TABLE ... STORED AS DELTA + SCAN_SQL in the CLI (cold JVM).
          Kernel:   Delta Kernel's default engine reading the same files and computing SCAN_SQL's
                    answer (DeltaBenchmark.kernelDefaultReader*).
Mutations, each on a fresh copy (untimed) of a table delta-rs wrote; the timed part includes loading
the table's log:
  delete    DELETE_PREDICATE (1% of the rows, in every file) from the N-row scan table.
            delta-rs: DeltaTable(path).delete(DELETE_PREDICATE).
            ours:     DeltaTable.delete (JMH, DeltaMutationBenchmark.delete).
  merge     M source rows (an in-memory table) into the scan table on MERGE_PREDICATE: the first half
            are the table's last ids (updated), the rest new (inserted).
            delta-rs: DeltaTable(path).merge(...).when_matched_update_all().when_not_matched_insert_all().
            ours:     DeltaMerge ... whenMatchedUpdateAll().whenNotMatchedInsertAll() (DeltaMutationBenchmark.merge).
  optimize  bin-packing compaction (default target size) of an N-row table of S small files.
            delta-rs: DeltaTable(path).optimize.compact().
            ours:     DeltaMaintenance.optimize (DeltaMutationBenchmark.optimize).
The JMH benchmarks own our side's warm workload (benchmarks/.../delta/DeltaWorkload.java); the rows,
SCAN_SQL and the mutations' predicates below are their Python twins for delta-rs, kept apart because
the two languages cannot share them. Both sides check the answer (row count and sums, and the
operation's metrics) so a wrong result fails the run.
Times are the best of R runs: JMH takes R measured iterations after 2 warm-ups in one forked JVM;
"cold CLI" times are the CLI's own per-statement timings in a fresh JVM; delta-rs runs in this
process (its first run warms it up) R times before and R times after ours, best of all 2R.
Ratios are ours / theirs (below 1: ours is faster).
"""
import argparse
import json
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
# Same text as DeltaWorkload.SCAN_SQL (JMH passes its parameters through -p, which splits on commas).
SCAN_SQL = "SELECT count(*) AS n, sum(id) AS s, sum(v) AS sv, max(name) AS m FROM t"
# Same as DeltaWorkload.DELETE_PREDICATE, MERGE_PREDICATE and MERGE_NAME_PREFIX.
DELETE_PREDICATE = "id % 100 = 0"
MERGE_PREDICATE = "target.id = source.id"
MERGE_NAME_PREFIX = "u"
JMH_WARMUPS = 2


def rows_table(first, count, name_prefix="n"):
    ids = pa.array(range(first, first + count), pa.int64())
    return pa.table({
        "id": ids,
        "v": pc.multiply(pc.cast(ids, pa.float64()), 0.5),
        "name": pc.binary_join_element_wise(name_prefix, pc.cast(ids, pa.string()), ""),
    })


def merge_source(rows, source_rows):
    """As DeltaWorkload.mergeSourceSql: half the table's last ids, half new ones, renamed."""
    return rows_table(rows - source_rows // 2, source_rows, MERGE_NAME_PREFIX)


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


def delta_rs_append(work, data, runs):
    """delta-rs's append times: write_deltalake of the in-memory table into a new table."""
    times = []
    for run in range(runs):
        path = os.path.join(work, f"rs_append_{run}")
        started = time.perf_counter()
        write_deltalake(path, data, mode="append")
        times.append(time.perf_counter() - started)
        assert DeltaTable(path).to_pyarrow_dataset().count_rows() == data.num_rows
        shutil.rmtree(path)
    return times


def cli_append(work, rows, runs):
    """Our append in the CLI: (statement seconds, process wall seconds) per run."""
    statement, wall = [], []
    for run in range(runs):
        path = os.path.join(work, f"ca_append_{run}")
        # The source is materialised in memory first (untimed by the statement timing, as delta-rs's is).
        script = (f"CREATE TABLE src AS SELECT value AS id, CAST(value AS DOUBLE) * 0.5 AS v, "
                  f"concat('n', value) AS name FROM generate_series(0, {rows - 1});"
                  f"CREATE EXTERNAL TABLE t (id BIGINT, v DOUBLE, name VARCHAR) STORED AS DELTA LOCATION '{path}';"
                  f"INSERT INTO t SELECT * FROM src")
        seconds, statements, out = cli(script)
        assert f"| {rows}" in out, out
        statement.append(statements[-1])
        wall.append(seconds)
        assert DeltaTable(path).to_pyarrow_dataset().count_rows() == rows
        shutil.rmtree(path)
    return statement, wall


def write_scan_table(path, rows, files):
    shutil.rmtree(path, ignore_errors=True)  # a --dir kept from an earlier run
    per_file = rows // files
    for index in range(files):
        count = rows - index * per_file if index == files - 1 else per_file
        write_deltalake(path, rows_table(index * per_file, count), mode="append")
    assert len(DeltaTable(path).file_uris()) == files


def expected_scan(rows):
    """SCAN_SQL's answer (n, s, sv) over ids 0 .. rows-1, as DeltaWorkload.ScanAnswer.expected."""
    id_sum = rows * (rows - 1) // 2
    return rows, id_sum, id_sum * 0.5


def scan_answer(path):
    """SCAN_SQL over the table at path through delta-rs: (n, s, sv, m)."""
    result = QueryBuilder().register("t", DeltaTable(path)).execute(SCAN_SQL).read_all()
    return tuple(result.column(c)[0].as_py() for c in ("n", "s", "sv", "m"))


def expected_after_delete(rows):
    """SCAN_SQL's (n, s, sv) after deleting DELETE_PREDICATE's ids 0, 100, .. from ids 0 .. rows-1."""
    deleted = (rows + 99) // 100
    id_sum = rows * (rows - 1) // 2 - 100 * deleted * (deleted - 1) // 2
    return rows - deleted, id_sum, id_sum * 0.5


def expected_after_merge(rows, source_rows):
    """SCAN_SQL's answer after merging merge_source(rows, source_rows): the renamed rows hold max(name)."""
    first = rows - source_rows // 2
    total = rows - source_rows // 2 + source_rows
    id_sum = total * (total - 1) // 2
    return total, id_sum, id_sum * 0.5, MERGE_NAME_PREFIX + max(map(str, range(first, first + source_rows)))


def timed_on_copy(prepared, copy, operation):
    """Copies the prepared table to copy (untimed), then times operation(copy): (seconds, its result)."""
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(prepared, copy)
    started = time.perf_counter()
    result = operation(copy)
    return time.perf_counter() - started, result


def delta_rs_mutations(work, scan_table, small_files_table, rows, merge_rows, small_files, runs):
    """delta-rs's delete, merge and optimize times, each on fresh copies: {workload: [seconds]}."""
    source = merge_source(rows, merge_rows)
    workloads = {
        "delete": (scan_table, lambda path: DeltaTable(path).delete(DELETE_PREDICATE)),
        "merge": (scan_table, lambda path: DeltaTable(path).merge(
            source, MERGE_PREDICATE, source_alias="source", target_alias="target")
            .when_matched_update_all().when_not_matched_insert_all().execute()),
        "optimize": (small_files_table, lambda path: DeltaTable(path).optimize.compact()),
    }
    times = {name: [] for name in workloads}
    for name, (prepared, operation) in workloads.items():
        version = DeltaTable(prepared).version()
        for _ in range(runs):
            copy = os.path.join(work, f"rs_{name}")
            seconds, metrics = timed_on_copy(prepared, copy, operation)
            times[name].append(seconds)
            assert DeltaTable(copy).version() == version + 1, name
            answer = scan_answer(copy)
            if name == "delete":
                assert metrics["num_deleted_rows"] == (rows + 99) // 100, metrics
                assert answer[:3] == expected_after_delete(rows), answer
            elif name == "merge":
                assert metrics["num_target_rows_updated"] == merge_rows // 2, metrics
                assert metrics["num_target_rows_inserted"] == merge_rows - merge_rows // 2, metrics
                assert answer == expected_after_merge(rows, merge_rows), answer
            else:
                assert metrics["numFilesRemoved"] == small_files, metrics
                assert len(DeltaTable(copy).file_uris()) < small_files, metrics
                assert answer[:3] == expected_scan(rows), answer
            shutil.rmtree(copy)
    return times


def delta_rs_scan(path, rows, runs):
    """delta-rs's scan times: (SCAN_SQL through its QueryBuilder, to_pyarrow_table) per run."""
    expected = expected_scan(rows)
    sql, arrow = [], []
    for _ in range(runs):
        started = time.perf_counter()
        result = QueryBuilder().register("t", DeltaTable(path)).execute(SCAN_SQL).read_all()
        sql.append(time.perf_counter() - started)
        assert tuple(result.column(c)[0].as_py() for c in ("n", "s", "sv")) == expected, result
        started = time.perf_counter()
        table = DeltaTable(path).to_pyarrow_table()
        arrow.append(time.perf_counter() - started)
        assert table.num_rows == rows and pc.sum(table.column("id")).as_py() == expected[1]
        del table
    return sql, arrow


def cli_scan(path, rows, runs, baseline):
    """Our scan in the CLI: (statement seconds, registration + statement seconds) per run."""
    statement, end_to_end = [], []
    for _ in range(runs):
        wall, statements, out = cli(f"CREATE EXTERNAL TABLE t STORED AS DELTA LOCATION '{path}'; {SCAN_SQL}")
        assert f"| {rows}" in out, out
        statement.append(statements[-1])
        end_to_end.append(wall - baseline)
    return statement, end_to_end


def jmh(work, args, table, small_files_table):
    """Runs the Delta JMH benchmarks (one forked JVM each); returns {benchmark method: best seconds}."""
    results = os.path.join(work, "jmh.json")
    log = os.path.join(work, "jmh.log")
    runs, maven_options = args.runs, args.maven_option
    # -foe: a failed answer check in a set-up or tear-down fails the whole run.
    arguments = (f"DeltaBenchmark DeltaMutationBenchmark -foe true -f 1 -wi {JMH_WARMUPS} -i {runs} -p rows={args.rows} "
                 f"-p files={args.files} -p table={table} -p mergeRows={args.merge_rows} "
                 f"-p smallFiles={args.small_files} -p smallFilesTable={small_files_table} -rf json -rff {results}")
    command = ["mvn", "-q", *maven_options, "-pl", "benchmarks", "compile", "exec:exec", f"-Djmh.args={arguments}"]
    with open(log, "w", encoding="utf-8") as output:
        done = subprocess.run(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    if done.returncode != 0 or not os.path.exists(results):
        with open(log, encoding="utf-8") as output:
            sys.exit(f"JMH failed ({done.returncode}): {' '.join(command)}\n{output.read()[-6000:]}")
    with open(results, encoding="utf-8") as handle:
        runs_by_benchmark = json.load(handle)
    # SingleShotTime in milliseconds: one raw value per measured iteration.
    return {run["benchmark"].rsplit(".", 1)[-1]: min(min(fork) for fork in run["primaryMetric"]["rawData"]) / 1e3
            for run in runs_by_benchmark}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--merge-rows", type=int, default=100_000)
    parser.add_argument("--small-files", type=int, default=200)
    parser.add_argument("--dir", default=None, help="work directory (default: a temporary one, removed after)")
    parser.add_argument("--maven-option", action="append", default=[], help="passed on to Maven (repeatable)")
    args = parser.parse_args()
    if not os.access(CLI, os.X_OK) or not os.path.isdir(os.path.join(ROOT, "cli", "target", "lib")):
        sys.exit("build the CLI first: mvn -q install -DskipTests")
    load_at_start = os.getloadavg()[0]
    work = os.path.abspath(args.dir or tempfile.mkdtemp(prefix="delta-bench-"))
    os.makedirs(work, exist_ok=True)
    try:
        baseline = best([cli("SELECT 1")[0] for _ in range(args.runs)])
        data = rows_table(0, args.rows)
        scan_table = os.path.join(work, "scan_table")
        write_scan_table(scan_table, args.rows, args.files)
        small_files_table = os.path.join(work, "small_files_table")
        write_scan_table(small_files_table, args.rows, args.small_files)
        mutation_tables = (work, scan_table, small_files_table, args.rows, args.merge_rows, args.small_files,
                           args.runs)
        # delta-rs runs before and after our runs and keeps its best time of both, so a busy
        # spell of the machine cannot favour our side.
        rs_append = delta_rs_append(work, data, args.runs)
        rs_sql, rs_arrow = delta_rs_scan(scan_table, args.rows, args.runs)
        rs_mutations = delta_rs_mutations(*mutation_tables)
        cli_append_statement, cli_append_wall = cli_append(work, args.rows, args.runs)
        cli_scan_statement, cli_scan_e2e = cli_scan(scan_table, args.rows, args.runs, baseline)
        warm = jmh(work, args, scan_table, small_files_table)
        rs_append += delta_rs_append(work, data, args.runs)
        more_sql, more_arrow = delta_rs_scan(scan_table, args.rows, args.runs)
        rs_sql += more_sql
        rs_arrow += more_arrow
        for name, times in delta_rs_mutations(*mutation_tables).items():
            rs_mutations[name] += times
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"rows={args.rows:,} files={args.files} runs={args.runs} (best of) cpus={os.cpu_count()} "
          f"load average {load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; "
          f"cli start-up={baseline:.2f}s")
    rows = [
        ("append", best(rs_append), warm["append"], best(cli_append_statement)),
        (f"scan {args.files} files: SQL aggregate", best(rs_sql), warm["engineScan"], best(cli_scan_statement)),
        (f"scan {args.files} files: to_pyarrow_table", best(rs_arrow), warm["engineScan"], best(cli_scan_statement)),
    ]
    print(f"{'workload':<40}{'delta-rs s':>11}{'ours s':>9}{'ratio':>7}{'ours cold CLI s':>17}{'ratio':>7}")
    for name, theirs, ours, cold in rows:
        print(f"{name:<40}{theirs:>11.3f}{ours:>9.3f}{ours / theirs:>7.2f}{cold:>17.3f}{cold / theirs:>7.2f}")
    print(f"(cold CLI, end to end minus JVM start-up: append with making the source "
          f"{best(cli_append_wall) - baseline:.3f}s, scan with registration {best(cli_scan_e2e):.3f}s)")
    print(f"{'mutation':<40}{'delta-rs s':>11}{'ours s':>9}{'ratio':>7}")
    for name, label in (("delete", f"delete 1% of {args.rows:,} rows ({args.files} files)"),
                        ("merge", f"merge {args.merge_rows:,} rows into {args.rows:,}"),
                        ("optimize", f"optimize {args.small_files} small files")):
        theirs, ours = best(rs_mutations[name]), warm[name]
        print(f"{label:<40}{theirs:>11.3f}{ours:>9.3f}{ours / theirs:>7.2f}")
    for name, label in (("kernelDefaultReader", "one thread"), ("kernelDefaultReaderThreadPerCore", "thread per core")):
        print(f"Kernel default reader, {label}: {warm[name]:.3f}s; ours {warm[name] / warm['engineScan']:.1f}x faster")


if __name__ == "__main__":
    main()
