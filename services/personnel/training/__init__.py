"""Training records (学时) and the annual compliance figures."""
