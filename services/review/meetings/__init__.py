"""联席会议 (joint meetings with the district departments, issue 15 point 5)."""
