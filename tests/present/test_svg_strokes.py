"""Qt's scaled SVG groups baked into plain coordinates, so that renderers without non-scaling-stroke (librsvg,
ImageMagick) draw 1-2 px lines, not blobs."""

from __future__ import annotations

from desktop.present.svg_strokes import bake_scaled_strokes

SCALED = ('<g stroke="#E69F00" stroke-width="2" transform="matrix(10,0,0,-5,1,2)">\n'
          '<path vector-effect="non-scaling-stroke" fill-rule="evenodd" d="M0,0 L1,1 C2,0 3,0 4,1.5e-1 Z"/>\n'
          '<polyline fill="none" vector-effect="non-scaling-stroke" points="0,1 2,3 " />\n'
          '<rect x="1" y="1" width="2" height="1" vector-effect="non-scaling-stroke"/>\n</g>')


def test_a_scaled_group_is_drawn_in_plain_coordinates() -> None:
    baked = bake_scaled_strokes(SCALED)
    assert 'transform="matrix(1,0,0,1,0,0)"' in baked and "non-scaling-stroke" not in baked
    assert 'd="M1,2 L11,-3 C21,2 31,2 41,1.25 Z"' in baked
    assert 'points="1,-3 21,-13"' in baked
    assert '<polygon fill="none"' not in baked and 'points="11,-3 31,-3 31,-8 11,-8"' in baked
    assert 'stroke-width="2"' in baked  # the pen's width, now in the drawing's own units


def test_text_groups_and_quarter_turns_keep_their_transform() -> None:
    text = '<g transform="matrix(0,-1,1,0,-4,280)"><text x="4" y="15">Monthly cost</text></g>'
    assert bake_scaled_strokes(text) == text
    moved = '<g transform="matrix(1,0,0,1,61,1)"><path vector-effect="non-scaling-stroke" d="M0,0 L5,5"/></g>'
    assert bake_scaled_strokes(moved) == '<g transform="matrix(1,0,0,1,61,1)"><path d="M0,0 L5,5"/></g>'
    mixed = '<g transform="matrix(3,0,0,3,0,0)"><path d="M0,0 L1,1"/><text>x</text></g>'
    assert bake_scaled_strokes(mixed) == mixed  # text under a scale: left as Qt wrote it


def test_paths_it_cannot_read_are_left_alone() -> None:
    relative = '<g transform="matrix(2,0,0,2,0,0)"><path vector-effect="non-scaling-stroke" d="m0,0 l1,1"/></g>'
    assert bake_scaled_strokes(relative) == relative
