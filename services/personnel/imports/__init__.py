"""Bulk import of an existing roster (CSV / XLSX with Chinese headers)."""
