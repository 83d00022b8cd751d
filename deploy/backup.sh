#!/usr/bin/env bash
# Back up BMNN: PostgreSQL dump (or the SQLite file), the data directory's keys, and a signed
# audit checkpoint so a later restore can be checked for truncation (S5).
set -euo pipefail
: "${BMNN_DATA_DIR:?}" "${BMNN_BACKUP_DIR:=/var/backups/bmnn}"
stamp=$(date +%Y%m%d-%H%M%S)
dest="$BMNN_BACKUP_DIR/$stamp"
mkdir -p "$dest"
chmod 700 "$BMNN_BACKUP_DIR" "$dest"
bmnn=/opt/bmnn/.venv/bin/bmnn
"$bmnn" audit verify
"$bmnn" audit checkpoint -o "$dest/audit-checkpoint.json"
if [ -n "${DATABASE_URL:-}" ]; then
  pg_dump --format=custom --file="$dest/bmnn.pgdump" "$DATABASE_URL"
else
  sqlite3 "$BMNN_DATA_DIR/bmnn.sqlite3" ".backup '$dest/bmnn.sqlite3'"
fi
tar -C "$BMNN_DATA_DIR" -czf "$dest/data-dir.tgz" --exclude='*.sqlite3*' .
find "$BMNN_BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -mtime +"${BMNN_BACKUP_KEEP_DAYS:-30}" -exec rm -rf {} +
echo "backup written to $dest"
