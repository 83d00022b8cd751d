"""Legal parameters held as dated data an administrator can replace (RULES.md preamble)."""
