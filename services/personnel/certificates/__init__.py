"""执法证: issuance, lifecycle, the qualification check and the public directory."""
