"""Requests and decisions about any subject, judged against the authority table (R12, R13, R33, S7)."""
