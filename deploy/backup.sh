#!/usr/bin/env bash
# Back up BMNN: PostgreSQL dump (or the SQLite file), the data directory (secret key, uploads), and a signed
# audit checkpoint so a later restore can be checked for truncation (S5). The audit signing key is never in
# the backup: it lives apart (BMNN_SIGNING_KEY, see README) and is needed to sign the checkpoint.
#
# Works from any installation path: the `bmnn` command is $BMNN_BIN, else the one on PATH, else the
# virtualenv beside this script (/opt/bmnn/deploy/backup.sh -> /opt/bmnn/.venv/bin/bmnn).
set -euo pipefail
umask 077
: "${BMNN_DATA_DIR:?set BMNN_DATA_DIR (the env file of the installation)}" "${BMNN_BACKUP_DIR:=/var/backups/bmnn}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bmnn="${BMNN_BIN:-$(command -v bmnn || true)}"
[ -n "$bmnn" ] || bmnn="$here/../.venv/bin/bmnn"
if [ ! -x "$bmnn" ]; then
  echo "backup.sh: bmnn not found (set BMNN_BIN, put it on PATH, or install into $here/../.venv)" >&2
  exit 2
fi
python="$(dirname "$bmnn")/python"
[ -x "$python" ] || python="$(command -v python3)"

stamp=$(date +%Y%m%d-%H%M%S)
dest="$BMNN_BACKUP_DIR/$stamp"
mkdir -p "$dest"
chmod 700 "$BMNN_BACKUP_DIR" "$dest"
"$bmnn" audit verify
"$bmnn" audit checkpoint -o "$dest/audit-checkpoint.json"
if [ -n "${DATABASE_URL:-}" ]; then
  pg_dump --format=custom --no-owner --file="$dest/bmnn.pgdump" "$DATABASE_URL"
else
  # SQLite's online backup API: a consistent copy while the application keeps running.
  "$python" - "$BMNN_DATA_DIR/bmnn.sqlite3" "$dest/bmnn.sqlite3" <<'PY'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
target.close(); source.close()
PY
fi
tar -C "$BMNN_DATA_DIR" -czf "$dest/data-dir.tgz" --exclude='./bmnn.sqlite3*' --exclude='*.pem' .
find "$BMNN_BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -mtime +"${BMNN_BACKUP_KEEP_DAYS:-30}" -exec rm -rf {} +
echo "backup written to $dest"
