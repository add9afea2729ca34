"""Offline field capture: a batch of client records applied one by one."""
