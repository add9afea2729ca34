"""评议考核 (performance assessment, 行政处罚法 Art.75 "执法评议、考核"; issue 15 point 6)."""
