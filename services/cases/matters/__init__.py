"""执法事项清单 / 权责清单 with discretion benchmarks and hearing thresholds."""
