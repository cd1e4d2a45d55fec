"""The sheet wing of the report: one workload's PDF sheet, charts, CSV, text, registers, XLSX and file writing."""
