from gateway.cli import serve_one

serve_one("publicity")
