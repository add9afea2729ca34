"""The four zhifa services; none imports another."""
