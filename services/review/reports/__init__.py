"""年度行政执法工作报告 / 统计年报: frozen snapshots of the four services' statistics, their
tables, .docx and charts, and the supervisor dashboard (数据驾驶舱), issue 14."""
