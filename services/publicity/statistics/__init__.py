"""Disclosure statistics (公示): decisions and licences published, withdrawn, late (issue 14)."""
