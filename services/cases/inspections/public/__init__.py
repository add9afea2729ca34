"""Public inspection views (扫码入企) without a token and without personal data."""
