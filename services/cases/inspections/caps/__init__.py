"""涉企检查频次上限: the annual cap per (enterprise, agency, year) and duplicate warnings."""
