#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and media folder
# (docs/backup.md), then check the log's hash chain.
#
#   DATABASE_URL=<empty database> SAMSYN_MEDIA_ROOT=<empty folder> scripts/restore.sh DIRECTORY
#
# The same key ring (SAMSYN_FIELD_KEYS, SAMSYN_BLIND_INDEX_KEY) must be set as when the backup was
# made, or the encrypted fields and documents cannot be read.
set -euo pipefail
source_dir="${1:?usage: scripts/restore.sh DIRECTORY}"
url="${DATABASE_URL:?DATABASE_URL is not set}"
media="${SAMSYN_MEDIA_ROOT:-media}"
python="${PYTHON:-.venv/bin/python}"
case "$url" in
  postgres://*|postgresql://*)
    pg_restore --no-owner --exit-on-error --dbname="$url" "$source_dir/database.dump"
    ;;
  sqlite:///*)
    path="${url#sqlite://}"
    if [ -s "$path" ]; then echo "restore.sh: $path is not empty" >&2; exit 2; fi
    python3 - "$source_dir/database.sqlite3" "$path" <<'PY'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
PY
    ;;
  *) echo "restore.sh: unsupported DATABASE_URL" >&2; exit 2 ;;
esac
mkdir -p "$media"
chmod 700 "$media"
tar --extract --same-permissions --file="$source_dir/media.tar" --directory="$media"
"$python" manage.py migrate --check >/dev/null || {
  echo "restore.sh: the restored database needs migrations this version has: run migrate" >&2
}
"$python" manage.py verify_audit_chain
