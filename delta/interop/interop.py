"""delta-rs side of the interoperability suite (run by DeltaInteropTest through ensure_venv.sh).

  interop.py dump <table> <out.json>   every version of <table> as read by delta-rs:
                                        {"versions": {"<v>": {"columns": [...], "rows": [[...], ...]}}}
                                        (struct fields flattened to columns named "<column>.<field>")
  interop.py write <table>             writes a table with delta-rs: a partitioned create, an append,
                                        an overwrite, an append and a checkpoint (versions 0-3).
  interop.py mutate <table>            delta-rs deletes and updates rows of an existing table (two
                                        more versions): DELETE WHERE id % 4 = 0, then UPDATE setting
                                        name = concat(name, '-rs') and id = id + 10000 WHERE p = 1.
  interop.py columnmap <table> <mode>  writes a table with delta.columnMapping.mode = <mode> (name or id),
                                        partitioned by p, with a struct column info {rank, tag}: a create,
                                        an append, DELETE WHERE id % 4 = 0 and an UPDATE WHERE p = 1
                                        (versions 0-3).
Rows are sorted so both sides compare them as multisets; values are JSON-encoded as text.
"""
import json
import sys

import pyarrow as pa
from deltalake import DeltaTable, QueryBuilder, write_deltalake


def dump(path, out):
    latest = DeltaTable(path).version()
    versions = {}
    for version in range(latest + 1):
        # delta-rs's own query engine applies column mapping; its pyarrow dataset does not.
        query = QueryBuilder().register("t", DeltaTable(path, version=version)).execute("SELECT * FROM t")
        table = pa.table(query.read_all()).flatten()
        columns = sorted(table.column_names)
        rows = sorted([[str(row[c]) for c in columns] for row in table.to_pylist()])
        versions[str(version)] = {"columns": columns, "rows": rows}
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"versions": versions}, handle)


def batch(first, count):
    ids = list(range(first, first + count))
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "p": pa.array([i % 3 for i in ids], pa.int64()),
        "name": pa.array([f"n{i}" for i in ids], pa.string()),
    })


def write(path):
    write_deltalake(path, batch(1, 100), partition_by=["p"], mode="append")
    write_deltalake(path, batch(101, 50), mode="append")
    write_deltalake(path, batch(1000, 10), mode="overwrite")
    write_deltalake(path, batch(2000, 5), mode="append")
    DeltaTable(path).create_checkpoint()


def columnmap(path, mode):
    def with_info(first, count):
        table = batch(first, count)
        ids = table.column("id").to_pylist()
        return table.append_column("info", pa.array([{"rank": i * 10, "tag": f"t{i % 4}"} for i in ids]))

    write_deltalake(path, with_info(1, 30), partition_by=["p"], mode="append",
                    configuration={"delta.columnMapping.mode": mode, "delta.minReaderVersion": "2",
                                   "delta.minWriterVersion": "5"})
    write_deltalake(path, with_info(31, 10), mode="append")
    DeltaTable(path).delete("id % 4 = 0")
    DeltaTable(path).update(updates={"name": "concat(name, '-rs')"}, predicate="p = 1")


def mutate(path):
    DeltaTable(path).delete("id % 4 = 0")
    DeltaTable(path).update(updates={"name": "concat(name, '-rs')", "id": "id + 10000"}, predicate="p = 1")


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "write":
        write(sys.argv[2])
    elif sys.argv[1] == "mutate":
        mutate(sys.argv[2])
    elif sys.argv[1] == "columnmap":
        columnmap(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown command {sys.argv[1]}")
