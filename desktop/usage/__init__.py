"""Usage import: billing exports (CUR 2.0, FOCUS), CloudWatch metrics and configuration JSON into a fleet workshop,
and the fleet review (billed today against this app's price of each option).

Qt-free. Only `desktop.usage.engine` imports DuckDB, inside its functions: importing this package costs nothing,
and nothing at start-up imports it (pyproject.toml's import contracts, tests/test_start_up_work.py).
"""
