"""Supervision statistics: legal reviews, case-file evaluation, opinions, complaints (issue 14)."""
