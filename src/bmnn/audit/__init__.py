"""The hash-chained, append-only audit log (S3, S5, R44)."""
