"""Cases: what is enforced — matters, penalty cases, evidence, coercive measures,
transfers, deadlines and the full-process timeline."""
