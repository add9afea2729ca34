"""普通程序: the penalty-case state machine (行政处罚法第五十四条至第七十三条)."""
