"""The benchmark databases (herzen_bench_<scale>), loaded by `python -m bench.loadscale` and reused while they match.

Loading 1M persons takes most of the time budget of `make bench`, so a loaded database is kept and reused
when its fingerprint matches what would be loaded now: the scale, seed, blind-index population, the hash of
the generator's code (herzen/demo) and of the encryption keys (a database sealed with other keys could not
be read), and the number of persons actually there. A mismatch, or `--reload`, drops it and loads it again.
Migrations are applied on every run (cheap when there are none), so a new index lands without a reload.

    dataset = ensure_dataset("1m", seed=1917)
    dataset.url, dataset.population, dataset.load  # the load report (time, peak RSS), kept from the load
"""

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
PG_BASE = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# manage.py of this checkout (not the `herzen` console script, which runs whichever checkout was installed).
HERZEN = [sys.executable, str(ROOT / "manage.py")]
FINGERPRINT_TABLE = "bench_dataset_fingerprint"
SCALES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
DEFAULT_SEED = 1917


def scale_persons(scale: str) -> int:
    return SCALES[scale.lower()] if scale.lower() in SCALES else int(scale)


def database_name(scale: str) -> str:
    return f"herzen_bench_{scale.lower()}"


def database_url(name: str) -> str:
    return f"{PG_BASE}/{name}"


def psql(url: str, sql: str, *, check: bool = True) -> str:
    done = subprocess.run(  # noqa: S603
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", sql],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    if check and done.returncode != 0:
        raise RuntimeError(f"psql failed: {done.stderr.strip()}")
    return done.stdout.strip()


def _tree_hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for base in paths:
        files = sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def code_version() -> str:
    """The generator's code: a change to it may change what is loaded."""
    return _tree_hash([ROOT / "herzen" / "demo"])


def keys_version() -> str:
    """A digest of the key files (never the keys): data sealed under other keys cannot be read."""
    key_dir = Path(
        os.environ.get("HERZEN_KEY_DIR") or Path(os.environ.get("HERZEN_DATA_DIR", ROOT / "var")) / "keys"
    )
    if not key_dir.exists():
        return "none"
    return _tree_hash([key_dir])


def herzen_environment(url: str, population: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        HERZEN_BLIND_INDEX_POPULATION=str(population),
        PYTHONUNBUFFERED="1",
    )
    return env


@dataclass
class Dataset:
    scale: str
    name: str
    url: str
    population: int  # HERZEN_BLIND_INDEX_POPULATION the data was indexed with: servers must use the same
    persons: int
    reused: bool
    load: dict[str, Any] = field(default_factory=dict)  # the load's report, from when it was loaded

    def environment(self) -> dict[str, str]:
        """Environment for a process (server, script) that reads this database."""
        return {"HERZEN_BLIND_INDEX_POPULATION": str(self.population)}


def _wanted_fingerprint(scale: str, seed: int, population: int) -> dict[str, Any]:
    return {
        "scale": scale.lower(),
        "seed": seed,
        "population": population,
        "code": code_version(),
        "keys": keys_version(),
    }


def _stored(url: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    exists = psql(url, f"select to_regclass('{FINGERPRINT_TABLE}') is not null", check=False)
    if exists != "t":
        return None
    row = psql(url, f"select fingerprint::text, load::text from {FINGERPRINT_TABLE} limit 1", check=False)  # noqa: S608
    if not row:
        return None
    fingerprint, load = row.split("|", 1)
    return json.loads(fingerprint), json.loads(load)


def _persons(url: str) -> int:
    return int(psql(url, "select count(*) from people_person", check=False) or 0)


def _database_exists(name: str) -> bool:
    exists = f"select 1 from pg_database where datname = '{name}'"  # noqa: S608 - our own database names
    return psql(database_url("postgres"), exists) == "1"


def _run(command: list[str], env: dict[str, str], what: str) -> tuple[float, float]:
    """Run a herzen command; return (seconds, peak RSS in MiB of it and its children)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.5):
            try:
                root = psutil.Process(process.pid)
                rss = sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
            except psutil.NoSuchProcess:
                continue
            peak = max(peak, rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    returncode = process.wait()
    stop.set()
    if returncode != 0:
        raise RuntimeError(f"{what} failed with exit code {returncode}")
    return time.perf_counter() - started, peak / 2**20


def migrate(url: str, population: int) -> None:
    _run([*HERZEN, "migrate", "--no-input", "-v", "0"], herzen_environment(url, population), "migrate")


def ensure_dataset(
    scale: str, *, seed: int = DEFAULT_SEED, reload: bool = False, log: Any = print
) -> Dataset:
    scale = scale.lower()
    persons_wanted = scale_persons(scale)
    population = persons_wanted
    name = database_name(scale)
    url = database_url(name)
    wanted = _wanted_fingerprint(scale, seed, population)

    if not reload and _database_exists(name):
        stored = _stored(url)
        if stored is not None and stored[0] == wanted:
            persons = _persons(url)
            if persons >= persons_wanted * 0.9:
                log(f"{name}: reusing the loaded database ({persons:,} persons); applying any new migrations")
                migrate(url, population)
                return Dataset(scale, name, url, population, persons, reused=True, load=stored[1])
            log(f"{name}: holds {persons:,} persons, expected about {persons_wanted:,}: loading again")
        else:
            log(f"{name}: loaded with other code, keys, seed or scale: loading again")

    postgres = database_url("postgres")
    psql(postgres, f"drop database if exists {name} with (force)")
    psql(postgres, f"create database {name}")
    log(f"{name}: migrating")
    migrate(url, population)
    report_file = ROOT / "var" / f"loadscale-{scale}.json"
    report_file.parent.mkdir(parents=True, exist_ok=True)
    log(f"{name}: loading {scale} (seed {seed}) with bench.loadscale")
    seconds, peak_mb = _run(
        [
            sys.executable,
            "-m",
            "bench.loadscale",
            "--scale",
            scale,
            "--seed",
            str(seed),
            "--report",
            str(report_file),
        ],
        herzen_environment(url, population),
        "bench.loadscale",
    )
    report: dict[str, Any] = {}
    if report_file.exists():
        try:
            report = json.loads(report_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            report = {}
    load = {
        "seconds": round(seconds, 1),
        "peak_rss_mb_sampled": round(peak_mb, 1),  # the loader and its children, sampled every 0.5 s
        "report": report,
    }
    # What autovacuum does on a live system: statistics, and the visibility map that lets lookups such as
    # the name search's read the (key, person) index alone.
    psql(url, "vacuum analyze")
    wanted = _wanted_fingerprint(scale, seed, population)  # again: the first migrate may have made the keys
    psql(
        url,
        f"create table {FINGERPRINT_TABLE} (fingerprint jsonb not null, load jsonb not null, "
        "loaded_at timestamptz not null default now())",
    )
    fingerprint_json = json.dumps(wanted).replace("'", "''")
    load_json = json.dumps(load, default=str).replace("'", "''")
    # Our own JSON, quotes doubled: nothing here comes from outside.
    insert = (
        f"insert into {FINGERPRINT_TABLE} (fingerprint, load) values ('{fingerprint_json}', '{load_json}')"  # noqa: S608
    )
    psql(url, insert)
    persons = _persons(url)
    log(f"{name}: loaded {persons:,} persons in {seconds:.0f} s")
    return Dataset(scale, name, url, population, persons, reused=False, load=load)


def peak_load_rss_mb(load: dict[str, Any]) -> float | None:
    """The load's peak RSS: the loader's own report when it gives one, else what the harness sampled."""
    report = load.get("report") or {}
    for key in ("peak_rss_mb", "max_rss_mb", "peak_rss_mib"):
        value = report.get(key)
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, dict) and value:  # by process or phase: the largest
            return float(max(v for v in value.values() if isinstance(v, int | float)))
    memory = report.get("memory")
    if isinstance(memory, dict):
        for key in ("peak_rss_mb", "max_rss_mb"):
            if isinstance(memory.get(key), int | float):
                return float(memory[key])
    sampled = load.get("peak_rss_mb_sampled")
    return float(sampled) if isinstance(sampled, int | float) else None
