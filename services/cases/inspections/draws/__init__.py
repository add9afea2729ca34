"""抽查计划 and 双随机 draws (consistent sampling, re-derivable)."""
