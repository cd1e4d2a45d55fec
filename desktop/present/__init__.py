"""How ComputeFit shows things, for the window and the sheet alike: money, numbers, colours, line styles, labels.

Qt-free (colours are "#RRGGBB" strings, line styles are names), so the screen and the paper agree by
construction: both draw from here.
"""
