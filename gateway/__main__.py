"""`python -m gateway`: the one-process platform (gateway + four services on SQLite)."""

from gateway.cli import main

main(["serve", "all", *__import__("sys").argv[1:]])
