"""Times the SQL suite on our engine (through SqlSuiteRunner, a child JVM), datafusion-python and DuckDB;
checks that they return the same answers and prints per-query median times, the ratios
ours/datafusion-python and ours/DuckDB, and their geometric means. Exits with 1 if any answer differs.

The engines take turns run by run, in an order that rotates, so that all three share the load of a
busy machine instead of one engine getting a quiet minute and another a loaded one.

    compare_engines.py --data DIR --queries DIR [--threads 2 --warmups 2 --runs 9] -- JAVA_COMMAND...

JAVA_COMMAND starts io.codeanatomy.benchmarks.compare.SqlSuiteRunner; --data and --threads are
appended to it.
"""

import argparse
import math
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import datafusion
import duckdb
import pyarrow as pa
import pyarrow.compute as pc

# Engines round decimal results differently (DataFusion's avg of DECIMAL(15,2) keeps 6 fractional
# digits, DuckDB's is a double), so each summed value may be off by up to half a millionth.
RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE_PER_ROW = 1e-6


@dataclass
class Answer:
    """Row count and, per numeric column, the sum of its values."""
    rows: int
    numeric_column_sums: list

    @staticmethod
    def of(table):
        numeric = [column for column in table.columns
                   if pa.types.is_integer(column.type) or pa.types.is_floating(column.type)
                   or pa.types.is_decimal(column.type)]
        sums = [pc.sum(pc.cast(column, pa.float64())).as_py() or 0.0 for column in numeric]
        return Answer(table.num_rows, sums)

    def differences(self, expected):
        """What differs from `expected` (our engine's answer), as text; empty if the answers agree."""
        if self.rows != expected.rows:
            return [f"{self.rows} rows, ours {expected.rows}"]
        if len(self.numeric_column_sums) != len(expected.numeric_column_sums):
            return [f"{len(self.numeric_column_sums)} numeric columns, ours {len(expected.numeric_column_sums)}"]
        return [f"numeric column {i + 1} sums to {actual!r}, ours {wanted!r}"
                for i, (actual, wanted) in enumerate(zip(self.numeric_column_sums, expected.numeric_column_sums))
                if not math.isclose(actual, wanted, rel_tol=RELATIVE_TOLERANCE,
                                    abs_tol=ABSOLUTE_TOLERANCE_PER_ROW * max(1, self.rows))]


def table_directories(data):
    return sorted(path for path in Path(data).iterdir() if path.is_dir())


class OurEngine:
    """SqlSuiteRunner in a child JVM: a request line in, a result line out, per run."""
    name = "ours"

    def __init__(self, java_command, data, threads):
        self.process = subprocess.Popen([*java_command, "--data", str(data), "--threads", str(threads)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        kind, self.version = self._read_fields()
        if kind != "engine_version":
            raise RuntimeError(f"SqlSuiteRunner started with {kind!r} instead of its engine version")

    def _read_fields(self):
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"SqlSuiteRunner exited with status {self.process.wait()}")
        return line.rstrip("\n").split("\t")

    def run_once(self, query, want_answer):
        """Milliseconds the run took (as timed by the runner) and, if wanted, its answer."""
        self.process.stdin.write(f"{query.resolve()}\t{'answer' if want_answer else 'time'}\n")
        self.process.stdin.flush()
        rows, millis, sums = self._read_fields()
        return float(millis), Answer(int(rows), [float(s) for s in sums.split(",") if s]) if want_answer else None

    def close(self):
        self.process.stdin.close()
        self.process.wait()


class InProcessEngine:
    """An engine with a Python API; subclasses run one SQL statement and return an Arrow table."""

    def run(self, sql):
        raise NotImplementedError

    def run_once(self, query, want_answer):
        sql = query.read_text()
        start = time.perf_counter()
        result = self.run(sql)
        millis = (time.perf_counter() - start) * 1e3
        return millis, Answer.of(result) if want_answer else None


class DataFusionPython(InProcessEngine):
    name = "datafusion-python"

    def __init__(self, data, threads):
        self.version = datafusion.__version__
        self.context = datafusion.SessionContext(datafusion.SessionConfig().with_target_partitions(threads))
        for table in table_directories(data):
            self.context.register_parquet(table.name, str(table))

    def run(self, sql):
        frame = self.context.sql(sql)
        return pa.Table.from_batches(frame.collect(), schema=frame.schema())


class DuckDB(InProcessEngine):
    name = "duckdb"

    def __init__(self, data, threads):
        self.version = duckdb.__version__
        self.connection = duckdb.connect()
        self.connection.execute(f"SET threads = {threads}")
        for table in table_directories(data):
            self.connection.execute(
                f"CREATE VIEW {table.name} AS SELECT * FROM read_parquet('{table}/*.parquet')")

    def run(self, sql):
        return self.connection.sql(sql).to_arrow_table()


def measure(engines, query, warmups, runs):
    """Each engine's answer (from its first warm-up run) and median time over the timed runs."""
    answers = {}
    for warmup in range(warmups):
        for engine in engines:
            _, answer = engine.run_once(query, want_answer=warmup == 0)
            answers.setdefault(engine.name, answer)
    millis = {engine.name: [] for engine in engines}
    for run in range(runs):
        shift = run % len(engines)
        for engine in engines[shift:] + engines[:shift]:
            millis[engine.name].append(engine.run_once(query, want_answer=False)[0])
    return answers, {name: statistics.median(times) for name, times in millis.items()}


def geometric_mean(values):
    return math.exp(statistics.fmean(math.log(v) for v in values))


def load_average():
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="directory with one Parquet directory per table")
    parser.add_argument("--queries", required=True, help="directory of q*.sql files")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmups", type=int, default=2)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("java_command", nargs="+", help="command that starts SqlSuiteRunner (after --)")
    args = parser.parse_args()
    if min(args.threads, args.warmups, args.runs) < 1:
        parser.error("threads, warmups and runs must be at least 1 (the first warm-up run checks the answer)")

    ours = OurEngine(args.java_command, args.data, args.threads)
    peers = [DataFusionPython(args.data, args.threads), DuckDB(args.data, args.threads)]
    engines = [ours, *peers]
    queries = sorted(Path(args.queries).glob("q*.sql"))
    name_width = max(len(query.stem) for query in [Path("query"), *queries]) + 1
    print(f"load average before: {load_average()}")
    header = f"{'query':<{name_width}}{'rows':>8}" + "".join(f"{e.name + ' ms':>22}" for e in engines) \
        + "".join(f"{'ours/' + p.name:>24}" for p in peers)
    print(header)
    print("-" * len(header))
    ratios = {peer.name: [] for peer in peers}
    failures = []
    for query in queries:
        answers, medians = measure(engines, query, args.warmups, args.runs)
        for peer in peers:
            ratios[peer.name].append(medians[ours.name] / medians[peer.name])
            failures += [f"{query.stem}: {peer.name} returned {difference}"
                         for difference in answers[peer.name].differences(answers[ours.name])]
        print(f"{query.stem:<{name_width}}{answers[ours.name].rows:>8}" + "".join(f"{medians[e.name]:>22.1f}" for e in engines)
              + "".join(f"{ratios[p.name][-1]:>23.2f}x" for p in peers), flush=True)
    ours.close()
    print("-" * len(header))
    print(f"{'geomean':<{len(header) - 24 * len(peers)}}"
          + "".join(f"{geometric_mean(ratios[p.name]):>23.2f}x" for p in peers))
    print(f"load average after: {load_average()}")
    print(f"DataFusion {ours.version} (ours, through JNI), datafusion-python {peers[0].version}, "
          f"DuckDB {peers[1].version}; {args.threads} threads; "
          f"median of {args.runs} alternating runs after {args.warmups} warm-up run(s)")
    if failures:
        print("\nANSWERS DIFFER:\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
