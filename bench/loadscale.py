"""`python -m bench.loadscale`: the national-size synthetic data set, loaded into PostgreSQL with COPY, for the
benchmarks (bench/datasets.py); it lives in bench/, which is what it serves, not in the application.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> HERZEN_BLIND_INDEX_POPULATION=<persons> \\
        .venv/bin/python -m bench.loadscale --scale 10k|100k|1m|<persons> [--seed 1917] [--report FILE.json]

The target database must be migrated and hold no persons (the command refuses otherwise, and on SQLite).
It sets up the demo's organisations and staff (`herzen demo`'s herzen.demo.staffing: log in as
tbilisi-caseworker, astana-supervisor, ...; passwords are printed once, as by the demo), then loads about
`persons / 2.29` households planned by herzen.demo.planning — persons, documents, spellings, contacts, stays,
refusals, risk factors, households, cases (the current one and earlier closed files, ≈ one per person), notes —
and about one pathway application per case, copied from the demo's walk through every state of every pathway.
Every row is what the services would store: fields sealed with the owner's data key, blind indexes, name keys,
legal-stay deadlines, priorities, and the audit events the services write, hash-chained.
Set HERZEN_BLIND_INDEX_POPULATION to the number of persons, so blind indexes are sized for them.
Prints (and with --report writes as JSON) rows per table, seconds per phase and peak memory.
"""

import argparse
import json
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Load a national-size synthetic data set into an empty database."
    )
    parser.add_argument("--scale", default="10k", help="10k, 100k, 1m or a number of persons (default 10k)")
    parser.add_argument("--seed", type=int, default=1917, help="seed of the synthetic data (default 1917)")
    parser.add_argument("--report", default="", help="also write the figures to this JSON file")
    parser.add_argument("--workers", type=int, default=2, help="processes that build rows (default 2)")
    parser.add_argument("--no-applications", action="store_true", help="load no pathway applications")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from bench.bulk.load import LoadRefused, load
    from herzen.demo.management.commands.demo import login_table

    print(f"Loading scale {options.scale} (seed {options.seed})…")
    try:
        report, staff = load(
            scale=options.scale,
            seed=options.seed,
            workers=options.workers,
            applications=not options.no_applications,
            say=print,
        )
    except (LoadRefused, ValueError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    figures = report.as_json()
    print(f"{figures['households']} households, {figures['persons']} persons")
    for table, number in figures["rows"].items():
        print(f"  {table:36} {number:>12,}")
    print("seconds: " + ", ".join(f"{k} {v}" for k, v in figures["seconds"].items()))
    print(f"rows per second: {figures['rows_per_second']:,}")
    print("peak RSS (MiB): " + ", ".join(f"{k} {v}" for k, v in figures["peak_rss_mb"].items()))
    print("\nDemo logins (new passwords and TOTP secrets; shown only now):")
    for row in login_table(staff.logins):
        print("  " + row)
    if options.report:
        path = Path(options.report)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"Report written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
