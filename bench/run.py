"""`make bench`: the report, page and export benchmarks of issue #16 on PostgreSQL.

    python -m bench.run                  # every size in BENCH_SIZES (default below)
    BENCH_SIZES=5000 python -m bench.run # one size

For each size a child process (``--child SIZE``) connects to that size's bench database
(bench/dataset.py: created, migrated and filled once), measures every operation and its SQL
floor (bench/operations.py, bench/floors.py), runs the concurrent clients against gunicorn
(bench/load.py) and, at the largest size, the 100,000-row import (bench/importing.py). The
parent prints the table and writes bench/results.json (bench/results.py). The knobs are the
environment variables read in ``Settings``; docs/performance.md, "make bench", explains them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.results import (
    LoadResult,
    Measurement,
    judge_memory,
    load_lines,
    machine,
    results_document,
    table_lines,
)

# Not resolved: a checkout assembled from links runs as it is assembled.
ROOT = Path(__file__).absolute().parent.parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"


def _env(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


@dataclass(frozen=True)
class Settings:
    sizes: tuple[str, ...]
    server: str
    prefix: str
    repeats: int
    load_sizes: tuple[str, ...]
    load_seconds: float
    clients: int
    workers: int
    import_rows: int
    out: Path
    drop: bool

    @classmethod
    def from_env(cls) -> Settings:
        sizes = tuple(_env("BENCH_SIZES", "5000,50000,national").split(","))
        return cls(
            sizes=sizes,
            server=_env("BENCH_SERVER", DEFAULT_SERVER).rstrip("/"),
            prefix=_env("BENCH_DB_PREFIX", "samsyn_bench"),
            repeats=int(_env("BENCH_REPEATS", "5")),
            load_sizes=tuple(_env("BENCH_LOAD_SIZES", "50000,national").split(",")),
            load_seconds=float(_env("BENCH_LOAD_SECONDS", "30")),
            clients=int(_env("BENCH_CLIENTS", "16")),
            workers=int(_env("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1))),
            # 0 skips it; it runs once, at the last size of BENCH_SIZES.
            import_rows=int(_env("BENCH_IMPORT_ROWS", "100000")),
            out=Path(_env("BENCH_OUT", str(ROOT / "bench" / "results.json"))),
            drop=_env("BENCH_DROP", "0") == "1",
        )


def child_env(settings: Settings, size: str) -> dict[str, str]:
    from bench.databases import SIZES, database_name

    return {
        **os.environ,
        "DATABASE_URL": f"{settings.server}/{database_name(settings.prefix, SIZES[size])}",
        # Measured as in production: no DEBUG (no query log, no debug pages), no demo mode,
        # persistent connections as a server keeps them.
        "DEBUG": "0",
        "SAMSYN_DEMO": "0",
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "samsyn.settings",
    }


def run_parent(settings: Settings) -> int:
    from bench.databases import SIZES, database_name, drop_database, ensure_database

    measurements: list[Measurement] = []
    load: list[LoadResult] = []
    notes: list[str] = []
    versions: set[str] = set()
    for index, size in enumerate(settings.sizes):
        if size not in SIZES:
            print(f"Unknown size {size!r}; known: {', '.join(SIZES)}", file=sys.stderr)
            return 2
        name = database_name(settings.prefix, SIZES[size])
        ensure_database(settings.server, name)
        part = settings.out.with_suffix(f".{size}.part.json")
        last = index == len(settings.sizes) - 1
        command = [sys.executable, "-m", "bench.run", "--child", size, "--part", str(part)]
        if last and settings.import_rows:
            command.append("--import")
        print(f"\n== {size}: database {name}", flush=True)
        returncode = subprocess.call(command, cwd=ROOT, env=child_env(settings, size))  # noqa: S603
        if settings.drop:
            drop_database(settings.server, name)
        if returncode != 0:
            print(f"The bench at size {size} failed ({returncode})", file=sys.stderr)
            return returncode
        data = json.loads(part.read_text())
        part.unlink()
        measurements += [Measurement(**item) for item in data["operations"]]
        load += [LoadResult(**item) for item in data["load"]]
        notes += data["notes"]
        versions.add(data["postgresql"])
    if os.environ.get("BENCH_NOTE"):
        notes.append(os.environ["BENCH_NOTE"])
    memory = judge_memory(measurements, "5000", "50000")
    print("\n" + "\n".join(table_lines(measurements)))
    if load:
        print("\n" + "\n".join(load_lines(load)))
    if memory:
        print("\nmemory not growing (tracemalloc peak at 50000 <= 1.5 x at 5000):")
        for operation, result in memory.items():
            print(f"  {operation:<22} {result}")
    for note in notes:
        print(f"note: {note}")
    info = {**machine(), "postgresql": ", ".join(sorted(versions))}
    document = results_document(
        machine_info=info, measurements=measurements, load=load, memory=memory, notes=notes
    )
    settings.out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten: {settings.out}")
    return 0


def run_child(settings: Settings, size: str, part: Path, with_import: bool) -> None:
    import django

    django.setup()
    from bench.child import measure_size

    data: dict[str, Any] = measure_size(settings, size, with_import=with_import)
    part.write_text(json.dumps(data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--child", help="measure one size (internal)")
    parser.add_argument("--part", type=Path, help="where the child writes its figures")
    parser.add_argument("--import", dest="with_import", action="store_true")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if args.child:
        run_child(settings, args.child, args.part, args.with_import)
        return 0
    return run_parent(settings)


if __name__ == "__main__":
    sys.exit(main())
