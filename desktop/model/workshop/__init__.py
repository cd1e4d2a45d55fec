"""Workshops: several named scenarios (each a workload with a note), compared side by side.

`spec` is the workshop file format (version 1), `files` reads and writes it (a plain workload file reads as a
workshop of one), `differences` says what a scenario changes against the baseline, and `compare` builds the
comparison the window, the PDF, the CSV and the JSON all show.
"""
