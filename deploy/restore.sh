#!/usr/bin/env bash
# Restore a backup made by backup.sh into a fresh data directory (and, with DATABASE_URL, an empty
# PostgreSQL database), then check it: the audit chain against the backup's signed checkpoint, and every
# record, copy, hand-over and register series against its last audit event (S5).
#
#   BMNN_DATA_DIR=/var/lib/bmnn-restored BMNN_SIGNING_KEY=/etc/bmnn/keys/audit-signing.pem \
#     deploy/restore.sh /var/backups/bmnn/20261207-020000
set -euo pipefail
umask 077
backup="${1:?usage: restore.sh BACKUP_DIRECTORY}"
: "${BMNN_DATA_DIR:?set BMNN_DATA_DIR to the (new, empty) data directory to restore into}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bmnn="${BMNN_BIN:-$(command -v bmnn || true)}"
[ -n "$bmnn" ] || bmnn="$here/../.venv/bin/bmnn"
if [ ! -x "$bmnn" ]; then
  echo "restore.sh: bmnn not found (set BMNN_BIN, put it on PATH, or install into $here/../.venv)" >&2
  exit 2
fi
for part in audit-checkpoint.json data-dir.tgz; do
  [ -f "$backup/$part" ] || { echo "restore.sh: $backup/$part is missing" >&2; exit 2; }
done
if [ -e "$BMNN_DATA_DIR" ] && [ -n "$(ls -A "$BMNN_DATA_DIR")" ]; then
  echo "restore.sh: $BMNN_DATA_DIR is not empty; restore into a new directory" >&2
  exit 2
fi
mkdir -p "$BMNN_DATA_DIR"
chmod 700 "$BMNN_DATA_DIR"
tar -C "$BMNN_DATA_DIR" -xzf "$backup/data-dir.tgz"
if [ -n "${DATABASE_URL:-}" ]; then
  pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$backup/bmnn.pgdump"
else
  cp "$backup/bmnn.sqlite3" "$BMNN_DATA_DIR/bmnn.sqlite3"
  chmod 600 "$BMNN_DATA_DIR/bmnn.sqlite3"
fi
"$bmnn" migrate --check >/dev/null || { echo "restore.sh: the backup needs migrations this version lacks or has" >&2; exit 3; }
"$bmnn" audit verify --deep --checkpoint "$backup/audit-checkpoint.json"
echo "restored into $BMNN_DATA_DIR and verified"
