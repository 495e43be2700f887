"""`herzen backup` / `herzen restore`: the database and the uploaded files, encrypted to an operator's key.

A backup is one file, `herzen-backup-<UTC stamp>.tar.gz.age`: a gzipped tar encrypted with age (pyrage, the
maintained Python binding of the Rust `age`) to one or more X25519 recipients (`age1…` public keys). Anyone
holding a matching identity (`AGE-SECRET-KEY-1…`) can decrypt it, with `herzen restore` or with the `age`
command-line tool, and nobody else; the server that writes backups holds only the public key.

Inside the tar: `manifest.json` (format, when, which database engine, what is in it), `database.dump`
(`pg_dump --format=custom`) or `database.sqlite3` (SQLite's online backup of the demo's file), and `files/`
with the evidence files, the intake uploads and the signed audit checkpoints.

Deliberately NOT inside: the key-encryption keys and the blind-index key (HERZEN_KEY_DIR, HERZEN_KEK, a key
store) and the audit signing key. Personal data in the dump is ciphertext under data keys that are themselves
wrapped by the KEKs, so a stolen backup alone opens nothing, and retiring a KEK after erasures makes the
erasure reach old backups too (docs/operations.md). A restore therefore needs the KEKs from where the operator
keeps them apart. Files are refused by path if they lie under the key directory, whatever the settings say.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyrage
from django.conf import settings
from django.db import connection

FORMAT = "herzen-backup-1"
FILE_ROOTS = {
    "evidence": "HERZEN_EVIDENCE_DIR",
    "private": "HERZEN_PRIVATE_MEDIA_ROOT",
    "audit-checkpoints": "HERZEN_AUDIT_CHECKPOINT_DIR",
}


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Target:
    """A PostgreSQL database to dump or restore into (libpq's parameters) or a SQLite file."""

    engine: str
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @property
    def is_postgres(self) -> bool:
        return "postgresql" in self.engine

    def libpq_args(self) -> list[str]:
        args = ["--dbname", self.name]
        for flag, value in (("--host", self.host), ("--port", self.port), ("--username", self.user)):
            if value:
                args += [flag, str(value)]
        return args

    def libpq_env(self) -> dict[str, str]:
        return {**os.environ, **({"PGPASSWORD": self.password} if self.password else {})}


def default_target() -> Target:
    db = settings.DATABASES["default"]
    return Target(
        engine=db["ENGINE"],
        name=str(db["NAME"]),
        host=str(db.get("HOST") or ""),
        port=str(db.get("PORT") or ""),
        user=str(db.get("USER") or ""),
        password=str(db.get("PASSWORD") or ""),
    )


def target_from_url(url: str) -> Target:
    import environ

    config = environ.Env.db_url_config(url)
    return Target(
        engine=config["ENGINE"],
        name=str(config["NAME"]),
        host=str(config.get("HOST") or ""),
        port=str(config.get("PORT") or ""),
        user=str(config.get("USER") or ""),
        password=str(config.get("PASSWORD") or ""),
    )


def _key_paths() -> list[Path]:
    """What must never enter a backup: the key directory and the audit signing key."""
    return [Path(settings.HERZEN_KEY_DIR).resolve(), Path(settings.HERZEN_AUDIT_SIGNING_KEY_FILE).resolve()]


def _is_key_material(path: Path) -> bool:
    resolved = path.resolve()
    return any(resolved == key or key in resolved.parents for key in _key_paths())


def recipients_from(values: list[str]) -> list[Any]:
    """`age1…` public keys, given as such or as files holding one per line (comments with #)."""
    keys: list[str] = []
    for value in values:
        path = Path(value)
        if not value.startswith("age1") and path.is_file():
            keys += [
                line.strip()
                for line in path.read_text().splitlines()
                if line.strip() and not line.startswith("#")
            ]
        else:
            keys.append(value.strip())
    if not keys:
        raise BackupError("Give at least one recipient: an age1… public key (or HERZEN_BACKUP_RECIPIENTS).")
    try:
        return [pyrage.x25519.Recipient.from_str(key) for key in keys]
    except pyrage.RecipientError as error:
        raise BackupError(f"Not an age X25519 public key: {error}") from None


def identities_from(path: Path) -> list[Any]:
    lines = [
        line.strip() for line in path.read_text().splitlines() if line.strip().startswith("AGE-SECRET-KEY-")
    ]
    if not lines:
        raise BackupError(f"{path} holds no AGE-SECRET-KEY-… identity.")
    return [pyrage.x25519.Identity.from_str(line) for line in lines]


def _dump_database(target: Target, work: Path) -> str:
    if target.is_postgres:
        out = work / "database.dump"
        command = [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(out),
            *target.libpq_args(),
        ]
        _run(command, target)
        return out.name
    out = work / "database.sqlite3"
    # SQLite's online backup through Django's own connection: consistent even while others write (and it
    # also works for the in-memory database of the tests).
    connection.ensure_connection()
    copy = sqlite3.connect(out)
    try:
        with copy:
            connection.connection.backup(copy)
    finally:
        copy.close()
    return out.name


def _run(command: list[str], target: Target) -> None:
    result = subprocess.run(command, env=target.libpq_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")


def create_backup(*, output_dir: Path, recipients: list[Any], target: Target | None = None) -> Path:
    """Write an encrypted backup into `output_dir` and return its path."""
    target = target or default_target()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / f"herzen-backup-{stamp}.tar.gz.age"
    with tempfile.TemporaryDirectory(prefix="herzen-backup-") as scratch:
        work = Path(scratch)  # mode 0700: the plaintext tar exists only here, only until it is encrypted
        dump_name = _dump_database(target, work)
        tar_path = work / "backup.tar.gz"
        included: dict[str, int] = {}
        with tarfile.open(tar_path, "w:gz") as tar:
            tar.add(work / dump_name, arcname=dump_name)
            for label, setting in FILE_ROOTS.items():
                root = Path(getattr(settings, setting))
                included[label] = _add_tree(tar, root, f"files/{label}")
            manifest = {
                "format": FORMAT,
                "created_at": datetime.now(UTC).isoformat(),
                "database": "postgresql" if target.is_postgres else "sqlite",
                "database_file": dump_name,
                "files": included,
                "keys_included": False,
                "note": "Key-encryption keys, the blind-index key and the audit signing key are not in this backup.",
            }
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        partial = final.with_suffix(".partial")
        pyrage.encrypt_file(str(tar_path), str(partial), recipients)
        partial.chmod(0o600)
        partial.rename(final)
    return final


def _add_tree(tar: tarfile.TarFile, root: Path, arcroot: str) -> int:
    if not root.is_dir():
        return 0
    count = 0
    for path in sorted(root.rglob("*")):
        if _is_key_material(path):
            continue
        if path.is_file() and not path.is_symlink():
            tar.add(path, arcname=f"{arcroot}/{path.relative_to(root).as_posix()}", recursive=False)
            count += 1
    return count


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    member = tar.extractfile("manifest.json")
    if member is None:
        raise BackupError("Not a Herzen backup: no manifest.")
    manifest = json.loads(member.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def restore_backup(
    *, backup: Path, identities: list[Any], target: Target | None = None, force: bool = False
) -> dict[str, Any]:
    """Decrypt a backup and restore its database into an empty database and its files into the configured
    (empty) directories. Returns the manifest."""
    target = target or default_target()
    with tempfile.TemporaryDirectory(prefix="herzen-restore-") as scratch:
        work = Path(scratch)
        tar_path = work / "backup.tar.gz"
        try:
            pyrage.decrypt_file(str(backup), str(tar_path), identities)
        except pyrage.DecryptError as error:
            raise BackupError(f"Cannot decrypt {backup.name} with this identity: {error}") from None
        with tarfile.open(tar_path, "r:gz") as tar:
            manifest = read_manifest(tar)
            expected = "postgresql" if target.is_postgres else "sqlite"
            if manifest["database"] != expected:
                raise BackupError(
                    f"The backup holds a {manifest['database']} database; the target is {expected}."
                )
            for setting in FILE_ROOTS.values():
                _check_empty(Path(getattr(settings, setting)), force)
            tar.extractall(work / "content", filter="data")
        content = work / "content"
        _restore_database(target, content / manifest["database_file"], force)
        for label, setting in FILE_ROOTS.items():
            source = content / "files" / label
            if source.is_dir():
                shutil.copytree(source, Path(getattr(settings, setting)), dirs_exist_ok=True)
    return manifest


def _check_empty(directory: Path, force: bool) -> None:
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise BackupError(f"{directory} is not empty: restore into empty directories, or pass --force.")


def _restore_database(target: Target, dump: Path, force: bool) -> None:
    if target.is_postgres:
        probe = [
            "psql",
            "--tuples-only",
            "--no-align",
            "--command",
            "SELECT to_regclass('public.django_migrations') IS NOT NULL",
            *target.libpq_args(),
        ]
        result = subprocess.run(probe, env=target.libpq_env(), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"Cannot reach the target database: {result.stderr.strip()[:300]}")
        if result.stdout.strip() == "t" and not force:
            raise BackupError("The target database is not empty: restore into a new, empty database.")
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                *target.libpq_args(),
                str(dump),
            ],
            target,
        )
        return
    path = Path(target.name)
    if path.exists() and path.stat().st_size and not force:
        raise BackupError(f"{path} exists: restore into a new database file, or pass --force.")
    if Path(str(settings.DATABASES["default"]["NAME"])) == path:
        connection.close()  # the file is about to be replaced under Django's connection
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(dump, path)
