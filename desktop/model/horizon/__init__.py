"""A horizon of years: each option's cost month by month with growth, one-off costs and (opt-in) people cost.

Pure arithmetic on monthly costs the advice prices (it is given a pricing function, never imports the engine);
money in Decimal, so the horizon's total is the sum of its months to the cent.
"""
