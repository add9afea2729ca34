"""执法文书 of inspections (行政检查文书) and licence applications (许可文书)."""
