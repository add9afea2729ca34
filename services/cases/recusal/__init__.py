"""回避 of case officers and the hearing host (行政处罚法第四十三条, 第六十四条第四项)."""
