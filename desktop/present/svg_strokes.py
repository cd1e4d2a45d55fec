"""Make Qt's SVG render the same in librsvg, ImageMagick, Inkscape and browsers.

QSvgGenerator writes a chart's curves in data coordinates inside a group scaled to the plot (e.g.
`transform="matrix(79.6,0,0,-51.0,-166.8,263.2)"`) and keeps their 1-2 px cosmetic pens with
`vector-effect="non-scaling-stroke"`. Renderers that ignore that property (librsvg, ImageMagick) scale the stroke
width by the group's 79 or 51: solid blobs. `bake_scaled_strokes` moves each such group's transform into its
shapes' coordinates (paths, polylines, polygons and rects; the group keeps an identity transform) and drops the
property, which no renderer needs then; it drops it too under plain translations and quarter turns, so that every
renderer scales the drawing's lines alike when the SVG is shown larger. Groups holding anything else (text) are
left as they are, and a path written with commands other than absolute M, L, C, Q and Z is left too.
"""

from __future__ import annotations

import re

_GROUP = re.compile(r'(<g\b[^>]*?\btransform="matrix\(([^)]*)\)"[^>]*>)(.*?)(</g>)', re.DOTALL)
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_SHAPE = re.compile(r"<(path|polyline|polygon|rect)\b([^>]*?)(/?)>", re.DOTALL)
_OTHER_ELEMENT = re.compile(r"<(?!/?(?:path|polyline|polygon|rect)\b)[A-Za-z]")
_PAIRS_PER_COMMAND = {"M": 1, "L": 1, "C": 3, "Q": 2, "Z": 0}
NON_SCALING = ' vector-effect="non-scaling-stroke"'

Matrix = tuple[float, float, float, float, float, float]


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _bake_path(d: str, m: Matrix) -> str | None:
    tokens = _TOKEN.findall(d)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        command = tokens[i]
        if command not in _PAIRS_PER_COMMAND:
            return None  # relative or arc commands: not what Qt writes; leave the group alone
        i += 1
        pairs: list[str] = []
        while i + 1 < len(tokens) and not tokens[i].isalpha():
            x, y = _apply(m, float(tokens[i]), float(tokens[i + 1]))
            pairs.append(f"{_number(x)},{_number(y)}")
            i += 2
        expected = _PAIRS_PER_COMMAND[command]
        if expected and len(pairs) % expected:
            return None
        out.append(command + " ".join(pairs) if pairs else command)
    return " ".join(out)


def _bake_points(points: str, m: Matrix) -> str | None:
    numbers = _TOKEN.findall(points)
    if len(numbers) % 2 or any(n.isalpha() for n in numbers):
        return None
    pairs = (_apply(m, float(numbers[k]), float(numbers[k + 1])) for k in range(0, len(numbers), 2))
    return " ".join(f"{_number(x)},{_number(y)}" for x, y in pairs)


def _attr(attrs: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', attrs)
    return found.group(1) if found else None


def _bake_shape(match: re.Match[str], m: Matrix) -> str | None:
    tag, attrs, closing = match.group(1), match.group(2), match.group(3)
    attrs = attrs.replace(NON_SCALING, "")
    if tag in ("path", "polyline", "polygon"):
        name = "d" if tag == "path" else "points"
        value = _attr(attrs, name)
        if value is None:
            return None
        baked = _bake_path(value, m) if tag == "path" else _bake_points(value, m)
        if baked is None:
            return None
        old, new = f'{name}="{value}"', f'{name}="{baked}"'
        return f"<{tag}{attrs.replace(old, new)}{closing}>"
    x, y, w, h = (float(_attr(attrs, k) or 0) for k in ("x", "y", "width", "height"))
    rest = re.sub(r'\s\b(x|y|width|height)="[^"]*"', "", attrs)
    corners = _bake_points(f"{x},{y} {x + w},{y} {x + w},{y + h} {x},{y + h}", m)
    return f'<polygon{rest} points="{corners}"{closing}>'


def _is_plain_move(m: Matrix) -> bool:
    """A translation or a rotation by a multiple of 90 degrees: strokes keep their width under it."""
    a, b, c, d, _e, _f = m
    return {abs(a), abs(b), abs(c), abs(d)} <= {0.0, 1.0} and abs(a * d - b * c) == 1.0


def bake_scaled_strokes(svg: str) -> str:
    """`svg` with every scaled group of shapes drawn in the group's coordinates (see the module's text)."""

    def group(match: re.Match[str]) -> str:
        opening, matrix_text, body, closing = match.groups()
        try:
            a, b, c, d, e, f = (float(v) for v in matrix_text.split(","))
        except ValueError:  # not six numbers
            return match.group(0)
        m: Matrix = (a, b, c, d, e, f)
        if _is_plain_move(m):  # strokes keep their width: the property is moot
            return opening + body.replace(NON_SCALING, "") + closing
        if _OTHER_ELEMENT.search(body):
            return match.group(0)
        shapes: list[str] = []
        for shape in _SHAPE.finditer(body):
            baked = _bake_shape(shape, m)
            if baked is None:
                return match.group(0)
            shapes.append(baked)
        new_body = _SHAPE.sub(lambda _s: shapes.pop(0), body)
        return opening.replace(f"matrix({matrix_text})", "matrix(1,0,0,1,0,0)") + new_body + closing

    return _GROUP.sub(group, svg)
