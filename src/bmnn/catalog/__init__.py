"""Lists of state secrets (danh mục BMNN) and their numbered items (R2)."""
