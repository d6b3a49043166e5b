"""delta-rs side of the interoperability suite (run by DeltaInteropTest through ensure_venv.sh).

  interop.py dump <table> <out.json> [first]
                                        every version of <table> from <first> (default 0) as read by
                                        delta-rs: {"versions": {"<v>": {"columns": [...], "rows": [[...], ...]}}}
                                        (struct fields flattened to columns named "<column>.<field>")
  interop.py write <table>             writes a table with delta-rs: a partitioned create, an append,
                                        an overwrite, an append and a checkpoint (versions 0-3).
  interop.py mutate <table>            delta-rs deletes and updates rows of an existing table (two
                                        more versions): DELETE WHERE id % 4 = 0, then UPDATE setting
                                        name = concat(name, '-rs') and id = id + 10000 WHERE p = 1.
  interop.py maintain <table>          delta-rs maintains an existing table of at least two versions:
                                        compaction, z-order by id, restore to version 1, then a vacuum
                                        without retention (only the latest files remain).
  interop.py constrain <table>        writes rows with ids 1-20 with delta-rs, then adds the CHECK
                                        constraint rs_positive: id > 0 (DeltaTable.alter.add_constraint).
  interop.py enforce <table> <out.json>  appends a row with id -5 (which the table's constraints must
                                        reject), then rows with ids 500-502: {"rejected": <bool>,
                                        "error": <text>, "version": <latest>, "constraints": {...}}.
  interop.py merge <table>             delta-rs merges ids 5..54 (name 'm<id>') into an existing table on id:
                                        matched with id % 2 = 0 deleted, other matches get the new name,
                                        new ids inserted (p = id % 3), unmatched rows with id < 4 deleted.
  interop.py cdf <table> <out.json>    the change data feed of <table> from version 0 as delta-rs's load_cdf
                                        reads it: {"columns": [...], "rows": [[...], ...]}, _commit_timestamp
                                        as microseconds since the epoch.
  interop.py cdf-write <table>         delta-rs writes a change-data-feed table: a partitioned create (ids 1..20),
                                        DELETE WHERE id % 5 = 0, UPDATE name = upper(name) WHERE id < 4, an
                                        append (ids 30..32) and a merge of ids 1..2 and 40 (versions 0-4).
  interop.py columnmap <table> <mode>  writes a table with delta.columnMapping.mode = <mode> (name or id),
                                        partitioned by p, with a struct column info {rank, tag}: a create,
                                        an append, DELETE WHERE id % 4 = 0 and an UPDATE WHERE p = 1
                                        (versions 0-3).
Rows are sorted so both sides compare them as multisets; values are JSON-encoded as text.
"""
import json
import os
import sys

import pyarrow as pa
from deltalake import DeltaTable, QueryBuilder, write_deltalake


def dump(path, out, first=0):
    latest = DeltaTable(path).version()
    versions = {}
    for version in range(first, latest + 1):
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


def maintain(path):
    DeltaTable(path).optimize.compact()
    DeltaTable(path).optimize.z_order(["id"])
    DeltaTable(path).restore(1)
    DeltaTable(path).vacuum(retention_hours=0, dry_run=False, enforce_retention_duration=False)


def constrain(path):
    write_deltalake(path, batch(1, 20), mode="append")
    DeltaTable(path).alter.add_constraint({"rs_positive": "id > 0"})


def enforce(path, out):
    try:
        write_deltalake(path, batch(-5, 1), mode="append")
        rejected, error = False, ""
    except Exception as failure:  # delta-rs reports violations as a generic DeltaError
        rejected, error = True, str(failure)
    write_deltalake(path, batch(500, 3), mode="append")
    table = DeltaTable(path)
    constraints = {k: v for k, v in table.metadata().configuration.items() if k.startswith("delta.constraints.")}
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"rejected": rejected, "error": error, "version": table.version(), "constraints": constraints},
                  handle)


def merge(path):
    ids = list(range(5, 55))
    source = pa.table({
        "id": pa.array(ids, pa.int64()),
        "name": pa.array([f"m{i}" for i in ids], pa.string()),
    })
    (DeltaTable(path).merge(source=source, predicate="t.id = s.id", source_alias="s", target_alias="t")
        .when_matched_delete(predicate="t.id % 2 = 0")
        .when_matched_update(updates={"name": "s.name"})
        .when_not_matched_insert(updates={"id": "s.id", "name": "s.name", "p": "s.id % 3"})
        .when_not_matched_by_source_delete(predicate="t.id < 4")
        .execute())


def cdf(path, out):
    changes = pa.table(DeltaTable(path).load_cdf(starting_version=0))
    columns = sorted(changes.column_names)
    rows = []
    for row in changes.to_pylist():
        stamp = row["_commit_timestamp"]
        row["_commit_timestamp"] = stamp.timestamp() * 1_000_000 if stamp is not None else None
        rows.append([str(int(row[c])) if c == "_commit_timestamp" else str(row[c]) for c in columns])
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"columns": columns, "rows": sorted(rows)}, handle)


def cdf_write(path):
    write_deltalake(path, batch(1, 20), partition_by=["p"], mode="append",
                    configuration={"delta.enableChangeDataFeed": "true"})
    DeltaTable(path).delete("id % 5 = 0")
    DeltaTable(path).update(updates={"name": "upper(name)"}, predicate="id < 4")
    write_deltalake(path, batch(30, 3), mode="append")
    source = pa.table({"id": pa.array([1, 2, 40], pa.int64()), "name": pa.array(["x1", "x2", "x40"], pa.string())})
    (DeltaTable(path).merge(source=source, predicate="t.id = s.id", source_alias="s", target_alias="t")
        .when_matched_delete(predicate="s.id = 2")
        .when_matched_update(updates={"name": "s.name"})
        .when_not_matched_insert(updates={"id": "s.id", "name": "s.name", "p": "s.id % 3"})
        .execute())


COMMANDS = {
    "dump": lambda args: dump(args[0], args[1], int(args[2]) if len(args) > 2 else 0),
    "write": lambda args: write(args[0]),
    "mutate": lambda args: mutate(args[0]),
    "maintain": lambda args: maintain(args[0]),
    "constrain": lambda args: constrain(args[0]),
    "enforce": lambda args: enforce(args[0], args[1]),
    "merge": lambda args: merge(args[0]),
    "cdf": lambda args: cdf(args[0], args[1]),
    "cdf-write": lambda args: cdf_write(args[0]),
    "columnmap": lambda args: columnmap(args[0], args[1]),
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: interop.py {{{'|'.join(COMMANDS)}}} ...")
    COMMANDS[sys.argv[1]](sys.argv[2:])
    sys.stdout.flush()
    sys.stderr.flush()
    # Native thread pools of delta-rs / Arrow sometimes abort while the interpreter tears down
    # ("terminate called without an active exception"); all output is written and closed by now.
    os._exit(0)
