#!/usr/bin/env bash
# Make sure a PostgreSQL server answers at the given URL's host, starting (or installing) one if needed.
# Fails loudly when none can be had: the PostgreSQL run must never be skipped silently.
set -euo pipefail
url="${1:?usage: ensure-postgres.sh postgres://user@host:port/db}"
host=$(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.hostname or "127.0.0.1")' "$url")
port=$(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.port or 5432)' "$url")
user=$(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.username or "postgres")' "$url")
db=$(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.path.lstrip("/") or "herzen")' "$url")

ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }

if ! ready; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "PostgreSQL is not installed; installing Debian's package." >&2
    if [ "$(id -u)" -ne 0 ]; then echo "FATAL: need root to install PostgreSQL" >&2; exit 1; fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "Starting PostgreSQL $version." >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
if ! ready; then
  echo "FATAL: PostgreSQL does not answer on $host:$port; the PostgreSQL test run cannot go ahead." >&2
  exit 1
fi
if ! psql -h "$host" -p "$port" -U "$user" -d postgres -tAc "select 1" >/dev/null 2>&1; then
  # A freshly installed cluster only trusts the local socket for the postgres user.
  echo "Granting trust on loopback for the test role." >&2
  su postgres -c "psql -tAc \"ALTER USER $user WITH PASSWORD NULL\"" >/dev/null 2>&1 || true
  hba=$(su postgres -c "psql -tAc 'show hba_file'")
  sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  su postgres -c "psql -tAc 'select pg_reload_conf()'" >/dev/null
fi
psql -h "$host" -p "$port" -U "$user" -d postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1 \
  || psql -h "$host" -p "$port" -U "$user" -d postgres -c "create database $db" >/dev/null
echo "PostgreSQL ready at $host:$port (database $db)."
