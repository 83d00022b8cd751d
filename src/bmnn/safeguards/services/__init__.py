"""Every change to incidents, staff records and devices: one function per operation (STYLE.md)."""
