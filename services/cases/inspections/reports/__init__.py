"""Inspection statistics (统计年报 figures) and an enterprise's inspection record."""
