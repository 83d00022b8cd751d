"""Organisations, positions, people, clearance, designation and delegations."""
