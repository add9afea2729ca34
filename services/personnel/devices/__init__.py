"""Ledger of enforcement recorders and other equipment."""
