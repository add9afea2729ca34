"""Penalty, coercion and transfer statistics of cases (统计年报 表一、表三; issue 14)."""
