"""The workload form: field specs, unit-aware editors, the load-profile editor."""
