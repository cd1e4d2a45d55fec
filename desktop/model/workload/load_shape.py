"""How the monthly volume spreads over the 24 hours of a day: the weights capacity is sized by, hour by hour.

Each hour of the day repeats month_hours / 24 times a month; capacity is sized hour by hour (an Auto Scaling
policy that follows the daily shape). The options size their capacity from these weights (options/calc.py).
"""

from __future__ import annotations

from functools import lru_cache

HOURS = 24
_FLAT = (1.0,) * HOURS


def hour_weights(profile: tuple[float, ...] | None) -> tuple[float, ...]:
    """Relative load per hour scaled to a mean of 1 (flat when no profile is given).

    Scaled by the busiest hour first, so any valid profile gives finite weights: one subnormal hour among
    zeros does not divide by zero, and hours of 1e308 do not overflow the sum."""
    return _FLAT if profile is None else _weights(tuple(profile))


@lru_cache(maxsize=256)  # every quote, finding and sensitivity variant of a workload asks for the same profile's
def _weights(profile: tuple[float, ...]) -> tuple[float, ...]:
    top = max(profile)
    scaled = [v / top for v in profile]
    mean = sum(scaled) / HOURS
    return tuple(v / mean for v in scaled)


SPIKY_PEAK = 2.5  # peak hour at least this many times the mean hour
SPIKY_TROUGH = 0.1  # or the quietest hour at most this share of the mean


def peak_to_mean(profile: tuple[float, ...] | None) -> tuple[float, float]:
    """(peak hour, quietest hour) as multiples of the mean hour."""
    weights = hour_weights(profile)
    return max(weights), min(weights)


def is_spiky(profile: tuple[float, ...] | None) -> bool:
    peak, trough = peak_to_mean(profile)
    return peak >= SPIKY_PEAK or trough <= SPIKY_TROUGH
