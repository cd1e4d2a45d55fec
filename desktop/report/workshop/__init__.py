"""The workshop wing of the report: the summary page, CSV, JSON, text and fleet review of several scenarios."""
