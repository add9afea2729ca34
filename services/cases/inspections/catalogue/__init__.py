"""检查事项清单 (published, versioned inspection items) and 检查对象名录库 (target registry)."""
