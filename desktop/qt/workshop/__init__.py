"""The workshop in the window: the scenario list and the comparison of the scenarios."""
