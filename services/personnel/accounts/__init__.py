"""User accounts and tokens: login, rotating refresh tokens, logout, JWKS."""
