#!/usr/bin/env bash
# Back up Samsyn: the database and the uploaded documents (docs/backup.md).
#
#   DATABASE_URL=... SAMSYN_MEDIA_ROOT=... scripts/backup.sh DIRECTORY
#
# writes DIRECTORY/database.dump (pg_dump's custom format) or DIRECTORY/database.sqlite3 (an
# online copy through SQLite's backup API) and DIRECTORY/media.tar. The key ring
# (SAMSYN_FIELD_KEYS, SAMSYN_BLIND_INDEX_KEY) is NOT in the backup: the database and the documents
# are encrypted with it, so keep it apart (a password manager or a vault), never beside the dump.
set -euo pipefail
target="${1:?usage: scripts/backup.sh DIRECTORY}"
url="${DATABASE_URL:?DATABASE_URL is not set}"
media="${SAMSYN_MEDIA_ROOT:-media}"
mkdir -p "$target"
chmod 700 "$target"
umask 077
case "$url" in
  postgres://*|postgresql://*)
    pg_dump --format=custom --no-owner --file="$target/database.dump" "$url"
    ;;
  sqlite:///*)
    python3 - "${url#sqlite://}" "$target/database.sqlite3" <<'PY'
import sqlite3, sys
source, copy = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with copy:
    source.backup(copy)  # consistent even while the server writes (WAL)
PY
    ;;
  *) echo "backup.sh: unsupported DATABASE_URL" >&2; exit 2 ;;
esac
if [ -d "$media" ]; then
  tar --create --file="$target/media.tar" --directory="$media" .
else
  tar --create --file="$target/media.tar" --files-from=/dev/null
fi
echo "Backup written to $target (database and documents; the keys are kept elsewhere)."
