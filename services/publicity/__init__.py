"""Publicity: what the public sees — disclosures, redaction, feeds, exports."""
