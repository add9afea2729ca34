"""全过程记录 (行政处罚法第四十七条): the hash-chained case timeline."""
