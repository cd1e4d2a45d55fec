"""How ComputeFit shows things, for the window and the sheet alike: colours, line styles, labels, chart geometry.

Numbers (money, counts, percentages, a total with what it leaves out) are written by `desktop.model.format`,
which the model's own texts use too.

Qt-free (colours are "#RRGGBB" strings, line styles are names), so the screen and the paper agree by
construction: both draw from here.
"""
