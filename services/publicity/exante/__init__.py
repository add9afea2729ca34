"""事前公开: the officer directory and the matter catalogue, read from personnel and cases."""
