"""Domain-free toolkit shared by every zhifa service and the gateway."""
