"""zhifa's shared domain vocabulary (see kit for plumbing)."""
