"""Label places: the first candidate box (nearest first) inside the plot and over nothing taken, or None; the boxes
are made only as far as the first free one, so a crowded chart and an empty one give what checking every
candidate gives."""

from __future__ import annotations

import random

from desktop.present.label_places import Box, candidates, place_labels


def _every_candidate(points: list[tuple[float, float]], sizes: list[tuple[float, float]], area: Box,
                     obstacles: list[Box]) -> list[Box | None]:
    placed: list[Box] = []
    found: list[Box | None] = []
    for (x, y), (width, height) in zip(points, sizes, strict=True):
        inside = [b for b in list(candidates(x, y, width, height, 6.0)) if b.inside(area)]
        free = next((b for b in inside if not any(b.overlaps(t) for t in obstacles + placed)), None)
        if free is not None:
            placed.append(free)
        found.append(free)
    return found


def test_places_match_checking_every_candidate() -> None:
    rng = random.Random(7)
    area = Box(0, 0, 600, 400)
    outcomes = set()
    for _ in range(300):
        n = rng.randint(1, 9)
        points = [(rng.uniform(-20, 620), rng.uniform(-20, 420)) for _ in range(n)]
        sizes = [(rng.uniform(40, 220), rng.uniform(14, 40)) for _ in range(n)]
        obstacles = [Box(rng.uniform(0, 560), rng.uniform(0, 380), rng.uniform(10, 200), rng.uniform(10, 120))
                     for _ in range(rng.randint(0, 4))]
        found = place_labels(points, sizes, area, obstacles)
        assert found == _every_candidate(points, sizes, area, obstacles)
        outcomes.update(box is None for box in found)
    assert outcomes == {True, False}  # some labels found no place, most did


def test_a_label_goes_just_above_its_point_when_that_is_free() -> None:
    (box,) = place_labels([(300.0, 200.0)], [(100.0, 20.0)], Box(0, 0, 600, 400), [])
    assert box == Box(250.0, 174.0, 100.0, 20.0)
