"""Screens of the programme: plans (P1) in ``plans``, self-inspections (P2) in ``inspections``."""
