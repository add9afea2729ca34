"""Fieldwork of an inspection: 笔录, evidence, and the lead to a case."""
