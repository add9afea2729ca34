"""年度行政执法监督计划 (yearly supervision plans, issue 15 point 1)."""
