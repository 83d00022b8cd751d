"""Building blocks with no models and no dependency on the rest of BMNN."""
