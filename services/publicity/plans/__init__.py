"""年度行政执法监督计划 publication: review's published plans, public (issue 15 point 1)."""
