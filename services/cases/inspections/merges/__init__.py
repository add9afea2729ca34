"""综合查一次: cross-agency merge suggestions and merged plans."""
