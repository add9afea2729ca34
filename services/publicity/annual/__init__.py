"""统计年报 publication: the finalised tables of review's annual reports, public (issue 14)."""
