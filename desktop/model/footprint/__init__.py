"""The footprint: each option's estimated emissions a month (kgCO2e) by Cloud Carbon Footprint's open method.

Shown beside the dollars, never folded into them. Sits above the options (it reads the capacity each option's
quote sized) and below the advice (whose JSON carries it).
"""
