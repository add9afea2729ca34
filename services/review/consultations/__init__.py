"""案件联合会商 (joint consultation of difficult cases, issue 15 point 5)."""
