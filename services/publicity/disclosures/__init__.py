"""Disclosures (行政处罚结果公示 / 双公示): records built from decision events, publication and
review holds, withdrawals, the deadline list and the per-region switches."""
