"""行政检查 (administrative inspection): items, target registry, spot-check draws, inspections."""
