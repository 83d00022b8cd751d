"""Due-date arithmetic and the `bmnn deadlines run` job (R6–R11, R26, R32)."""
