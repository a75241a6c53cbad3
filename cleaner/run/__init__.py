"""Running checks and fixes over files: one file per task (runner.py), spread over worker
processes in input order (parallel.py)."""
