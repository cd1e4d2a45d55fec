"""The lean quote path (issue 26): a valid workload file and the bundled price book as plain objects, read and
built without pydantic, for `computefit estimate`. Anything not plainly valid goes the validated way."""
