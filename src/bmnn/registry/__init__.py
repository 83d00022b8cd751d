"""The registry of secret carriers: registration, numbering, custody, hand-over, visibility."""
