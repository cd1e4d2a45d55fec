"""The calcs' arrays without numpy: the few numpy operations the cost code uses, in plain Python.

The options' cost code is written once against a Calc and its array namespace (`calc.xp`): numpy's once the process
has numpy (the window, a workshop, a fleet), else this module, in the exact calc (one volume, the quote) and in the
fast one (`computefit estimate --json`'s break-even search and sensitivity: a few hundred volumes, less work than
numpy's import). The exact calc's arrays are small, a row of 24 hours per volume and candidate instance type, so
plain Python is as quick as numpy's call overhead there.

The semantics are numpy's for what is used: element-wise arithmetic and comparisons with broadcasting, indexing with
integers, full slices, `None` (a new axis) and integer arrays (on adjacent axes), `where`, `ceil`, `maximum`
(and `maximum.reduce`), `minimum`, `sum` over an axis, `max`, `any`. The element-wise results are bit for bit
numpy's (the same IEEE double operations), and so are sums: added in numpy's order (pairwise along the last axis),
so float sums (LCU-hours, a commitment's hourly shares) match to the bit, not only whole numbers.
tests/model/options/test_rows.py checks each against numpy; tests/model/lean/test_lean_path.py the advice's JSON.
"""

from __future__ import annotations

import builtins
import math
import operator
from collections.abc import Callable, Sequence
from itertools import chain, product
from typing import Any

Shape = tuple[int, ...]


class Rows:
    """A small n-dimensional array of Python numbers: a flat list in C order and a shape."""

    __slots__ = ("flat", "shape")

    def __init__(self, flat: list[Any], shape: Shape) -> None:
        self.flat = flat
        self.shape = shape

    # --- numpy's array protocol, as far as the cost code uses it --------------------------------------------
    @property
    def ndim(self) -> int:
        return len(self.shape)

    def __len__(self) -> int:
        return self.shape[0]

    def __bool__(self) -> bool:
        if len(self.flat) != 1:
            raise ValueError("the truth value of an array with more than one element is ambiguous")
        return bool(self.flat[0])

    def __float__(self) -> float:
        return float(self._item())

    def __int__(self) -> int:
        return int(self._item())

    def _item(self) -> Any:
        if len(self.flat) != 1:
            raise TypeError("only one-element arrays can be converted to Python scalars")
        return self.flat[0]

    def tolist(self) -> Any:
        return _nested(self.flat, self.shape)

    def astype(self, kind: type) -> Rows:
        return Rows([kind(v) for v in self.flat], self.shape)

    def copy(self) -> Rows:
        return Rows(list(self.flat), self.shape)

    def all(self) -> bool:
        return builtins.all(self.flat)

    def any(self) -> bool:
        return builtins.any(self.flat)

    def max(self) -> Any:
        return builtins.max(self.flat)

    def sum(self, axis: int | None = None, keepdims: bool = False) -> Any:
        return sum_(self, axis, keepdims)

    def __getitem__(self, key: Any) -> Any:
        if type(key) is int and self.shape:  # one row (or element): a slice of the flat list
            size = len(self.flat) // self.shape[0]
            start = _index(key, self.shape[0]) * size
            return self.flat[start] if len(self.shape) == 1 else Rows(self.flat[start:start + size], self.shape[1:])
        if type(key) is tuple:
            plain = _plain_key(self, key)
            if plain is not None:
                return plain
        shape, at = _select(self.shape, key)
        if not shape:
            return self.flat[at[0]]
        return Rows([self.flat[i] for i in at], shape)

    def __setitem__(self, key: Any, value: float) -> None:
        for i in _select(self.shape, key)[1]:
            self.flat[i] = value

    # --- element-wise arithmetic and comparisons (a plain number on the other side first: the usual case) -----
    def __add__(self, other: Any) -> Rows:
        if type(other) in _NUMBERS:
            return Rows([x + other for x in self.flat], self.shape)
        return _map(operator.add, self, other)

    def __radd__(self, other: Any) -> Rows:
        return _map(operator.add, other, self)

    def __sub__(self, other: Any) -> Rows:
        if type(other) in _NUMBERS:
            return Rows([x - other for x in self.flat], self.shape)
        return _map(operator.sub, self, other)

    def __rsub__(self, other: Any) -> Rows:
        return _map(operator.sub, other, self)

    def __mul__(self, other: Any) -> Rows:
        if type(other) in _NUMBERS:
            return Rows([x * other for x in self.flat], self.shape)
        return _map(operator.mul, self, other)

    def __rmul__(self, other: Any) -> Rows:
        if type(other) in _NUMBERS:
            return Rows([other * x for x in self.flat], self.shape)
        return _map(operator.mul, other, self)

    def __truediv__(self, other: Any) -> Rows:
        if type(other) in _NUMBERS and other:
            return Rows([x / other for x in self.flat], self.shape)
        return _quotient(self, other)

    def __rtruediv__(self, other: Any) -> Rows:
        return _quotient(other, self)

    def __neg__(self) -> Rows:
        return Rows([-v for v in self.flat], self.shape)

    def __gt__(self, other: Any) -> Rows:
        if type(other) in _NUMBERS:
            return Rows([x > other for x in self.flat], self.shape)
        return _map(operator.gt, self, other)

    def __ge__(self, other: Any) -> Rows:
        return _map(operator.ge, self, other)

    def __lt__(self, other: Any) -> Rows:
        return _map(operator.lt, self, other)

    def __le__(self, other: Any) -> Rows:
        return _map(operator.le, self, other)

    def __eq__(self, other: Any) -> Rows:  # type: ignore[override]  # element-wise, as numpy's
        if type(other) in _NUMBERS:
            return Rows([x == other for x in self.flat], self.shape)
        return _map(operator.eq, self, other)

    def __ne__(self, other: Any) -> Rows:  # type: ignore[override]
        return _map(operator.ne, self, other)

    def __and__(self, other: Any) -> Rows:
        return _map(operator.and_, self, other)

    def __or__(self, other: Any) -> Rows:
        return _map(operator.or_, self, other)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared element-wise

    def __repr__(self) -> str:
        return f"Rows({self.tolist()!r})"


_ALL = slice(None)
_NUMBERS = frozenset((float, int, bool))


def _plain_key(rows: Rows, key: tuple[Any, ...]) -> Rows | None:
    """What the two common kinds of index give, quickly: only full slices and Nones (new axes: the same numbers,
    another shape), or one position on each leading axis (integers, or integer arrays of one element: one block
    of the flat list). None for any other index."""
    shape = rows.shape
    found: list[int] = []
    axis = 0
    for k in key:
        if k is None:
            found.append(1)
        elif type(k) is slice and k == _ALL:
            found.append(shape[axis])
            axis += 1
        else:
            return _leading(rows, key)
    return Rows(rows.flat, (*found, *shape[axis:]))


def _leading(rows: Rows, key: tuple[Any, ...]) -> Rows | None:
    shape = rows.shape
    if len(key) > len(shape):
        return None
    start, arrays = 0, False
    for axis, k in enumerate(key):
        if type(k) is Rows and len(k.flat) == 1 and len(k.shape) == 1:
            arrays, k = True, k.flat[0]
        elif type(k) is not int:
            return None
        start = start * shape[axis] + _index(k, shape[axis])
    size = math.prod(shape[len(key):])
    start *= size
    rest = shape[len(key):]
    if not rest and not arrays:
        return None  # one element: a number, which _select gives
    return Rows(rows.flat[start:start + size], ((1,) if arrays else ()) + rest)


def _divide(a: float, b: float) -> float:
    """numpy's true division of floats: inf or nan for a zero divisor instead of an exception."""
    try:
        return a / b
    except ZeroDivisionError:
        return math.nan if a == 0 or a != a else math.copysign(math.inf, a) * math.copysign(1.0, b)


def _quotient(a: Any, b: Any) -> Rows:
    try:
        return _map(operator.truediv, a, b)
    except ZeroDivisionError:
        return _map(_divide, a, b)


def _larger(a: Any, b: Any) -> Any:
    return a if a >= b else b


def _smaller(a: Any, b: Any) -> Any:
    return a if a <= b else b


def _nested(flat: list[Any], shape: Shape) -> Any:
    if not shape:
        return flat[0]
    if len(shape) == 1:
        return list(flat)
    step = len(flat) // shape[0] if shape[0] else 0
    return [_nested(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def _as_rows(value: Any) -> Rows:
    if isinstance(value, Rows):
        return value
    if isinstance(value, list | tuple):
        return array(value)
    return Rows([value], ())


def _broadcast_shape(*shapes: Shape) -> Shape:
    if len(set(shapes)) == 1:
        return shapes[0]
    ndim = builtins.max(len(s) for s in shapes)
    found = []
    for axis in range(ndim):
        sizes = {s[axis - ndim + len(s)] for s in shapes if axis - ndim + len(s) >= 0} - {1}
        if len(sizes) > 1:
            raise ValueError(f"shapes {shapes} cannot be broadcast together")
        found.append(sizes.pop() if sizes else 1)
    return tuple(found)


def _spread(rows: Rows, shape: Shape) -> list[Any]:
    """The elements of `rows` broadcast to `shape`, flat in C order: each axis of one stretched in turn, from the
    innermost, by repeating blocks of the list."""
    if rows.shape == shape:
        return rows.flat
    if len(rows.flat) == 1:
        return rows.flat * math.prod(shape)
    current = [1] * (len(shape) - len(rows.shape)) + list(rows.shape)
    data = rows.flat
    for axis in reversed(range(len(shape))):
        if current[axis] == shape[axis]:
            continue
        inner = math.prod(shape[axis + 1:])
        outer = math.prod(current[:axis])
        repeat = shape[axis]
        data = list(chain.from_iterable(data[o * inner:(o + 1) * inner] * repeat for o in range(outer)))
        current[axis] = repeat
    return data


def _map(fn: Callable[..., Any], *operands: Any) -> Rows:
    """fn applied element by element to the operands broadcast together."""
    if len(operands) == 2:  # the usual case first: an array and a number, or two arrays of one shape
        a, b = operands
        if type(a) is Rows:
            if type(b) is Rows:
                if a.shape == b.shape:
                    return Rows(list(map(fn, a.flat, b.flat)), a.shape)
            elif not isinstance(b, list | tuple):
                return Rows([fn(x, b) for x in a.flat], a.shape)
        elif type(b) is Rows and not isinstance(a, list | tuple):
            return Rows([fn(a, y) for y in b.flat], b.shape)
    rows = [_as_rows(o) for o in operands]
    shape = _broadcast_shape(*(r.shape for r in rows))
    return Rows(list(map(fn, *(_spread(r, shape) for r in rows))), shape)


def _select(shape: Shape, key: Any) -> tuple[Shape, list[int]]:
    """The shape indexing with `key` gives, and the flat positions it selects (numpy's rules for integers, full
    slices, None and integer arrays on adjacent axes)."""
    keys = list(key) if isinstance(key, tuple) else [key]
    keys += [slice(None)] * (len(shape) - builtins.sum(k is not None for k in keys))
    strides, step = [], 1
    for size in reversed(shape):
        strides.append(step)
        step *= size
    strides.reverse()
    fancy = [i for i, k in enumerate(keys) if isinstance(k, Rows | list)]
    if fancy and fancy != list(range(fancy[0], fancy[-1] + 1)):
        raise IndexError("integer arrays on axes apart are not supported")
    arrays = [_as_rows(keys[i]) for i in fancy]
    fancy_shape = _broadcast_shape(*(a.shape for a in arrays)) if arrays else ()
    picks = [_spread(a, fancy_shape) for a in arrays]
    out_shape: list[int] = []
    parts: list[list[int]] = []  # per output part: the flat offsets it adds
    axis = 0
    for position, k in enumerate(keys):
        if k is None:
            out_shape.append(1)
            parts.append([0])
        elif position in fancy:
            if position == fancy[0]:
                out_shape.extend(fancy_shape)
                offsets = [0] * len(picks[0]) if picks else []
                for pick, dim in zip(picks, range(axis, axis + len(fancy)), strict=True):
                    offsets = [o + _index(i, shape[dim]) * strides[dim] for o, i in zip(offsets, pick, strict=True)]
                parts.append(offsets)
            axis += 1
        elif isinstance(k, slice):
            if k != slice(None):
                raise IndexError("only full slices are supported")
            out_shape.append(shape[axis])
            parts.append([j * strides[axis] for j in range(shape[axis])])
            axis += 1
        else:
            parts.append([_index(k, shape[axis]) * strides[axis]])
            axis += 1
    return tuple(out_shape), [builtins.sum(p) for p in product(*parts)]


def _index(key: Any, size: int) -> int:
    i: int = operator.index(key)
    if not -size <= i < size:
        raise IndexError(f"index {i} is out of bounds for an axis of size {size}")
    return i + size if i < 0 else i


# --- numpy's functions, as far as the cost code uses them -----------------------------------------------------
def array(values: Any, dtype: type | None = None) -> Rows:
    if isinstance(values, Rows):
        return values.astype(dtype) if dtype is not None else values.copy()
    if not isinstance(values, list | tuple):
        return Rows([dtype(values) if dtype else values], ())
    if _NUMBERS.issuperset(map(type, values)):  # a row of numbers
        return Rows(list(map(dtype, values)) if dtype else list(values), (len(values),))
    items = [array(v) for v in values]
    inner = items[0].shape if items else ()
    if builtins.any(item.shape != inner for item in items):
        raise ValueError("ragged nested sequences are not arrays")
    flat = [v for item in items for v in item.flat]
    return Rows([dtype(v) for v in flat] if dtype else flat, (len(items), *inner))


def asarray(values: Any, dtype: type | None = None) -> Any:
    """An array of `values`; a number stays a number (numpy's 0-d array, as far as the cost code can tell)."""
    if isinstance(values, Rows):
        return values if dtype is None else values.astype(dtype)
    if isinstance(values, list | tuple):
        return array(values, dtype)
    return dtype(values) if dtype is not None else values


def full(shape: int | Shape, value: Any) -> Rows:
    dims = (shape,) if isinstance(shape, int) else tuple(shape)
    return Rows([value] * math.prod(dims), dims)


def ones(shape: int | Shape) -> Rows:
    return full(shape, 1.0)


def zeros(shape: int | Shape, dtype: type = float) -> Rows:
    return full(shape, dtype(0))


def zeros_like(rows: Rows) -> Rows:
    return full(rows.shape, 0.0)


def arange(stop: int) -> Rows:
    return Rows(list(range(stop)), (stop,))


def broadcast_to(values: Any, shape: Shape) -> Rows:
    rows = _as_rows(values)
    return Rows(list(_spread(rows, _broadcast_shape(rows.shape, shape))), tuple(shape))


def _rounded(values: Any, to: Callable[[float], int]) -> Any:
    """math.ceil or math.floor of each value as a float, as numpy's: an infinity or nan stays as it is."""
    def one(x: float) -> float:
        return float(to(x)) if math.isfinite(x) else x

    if not isinstance(values, Rows):
        return one(values)
    try:
        return Rows([float(to(v)) for v in values.flat], values.shape)
    except (OverflowError, ValueError):  # an infinity or nan among them: each value on its own
        return Rows([one(v) for v in values.flat], values.shape)


def ceil(values: Any) -> Any:
    return _rounded(values, math.ceil)




class _Elementwise:
    """A binary element-wise function with numpy's `reduce` over a list of operands."""

    def __init__(self, fn: Callable[[Any, Any], Any], *, max_of_rows: bool) -> None:
        self.fn = fn
        self.larger = max_of_rows

    def __call__(self, a: Any, b: Any) -> Any:
        if type(a) is Rows:
            if type(b) is Rows:
                if a.shape == b.shape:
                    shape, left, right = a.shape, a.flat, b.flat
                else:  # broadcast, then the same comparison inline (no call per element)
                    shape = _broadcast_shape(a.shape, b.shape)
                    left, right = _spread(a, shape), _spread(b, shape)
                if self.larger:
                    return Rows([x if x >= y else y for x, y in zip(left, right, strict=True)], shape)
                return Rows([x if x <= y else y for x, y in zip(left, right, strict=True)], shape)
            if type(b) in _NUMBERS:
                if self.larger:
                    return Rows([x if x >= b else b for x in a.flat], a.shape)
                return Rows([x if x <= b else b for x in a.flat], a.shape)
        if not isinstance(a, Rows) and not isinstance(b, Rows):
            return self.fn(a, b)
        return _map(self.fn, a, b)

    def reduce(self, operands: Sequence[Any]) -> Any:
        found = operands[0]
        for other in operands[1:]:
            found = self(found, other)
        return found


maximum = _Elementwise(_larger, max_of_rows=True)  # of finite numbers (the workload refuses nan and infinity)
minimum = _Elementwise(_smaller, max_of_rows=False)


def where(condition: Any, yes: Any, no: Any) -> Rows:
    if type(condition) is Rows:
        shape = condition.shape
        if type(yes) in _NUMBERS and type(no) is Rows and no.shape == shape:
            return Rows([yes if c else n for c, n in zip(condition.flat, no.flat, strict=True)], shape)
        if type(no) in _NUMBERS and type(yes) is Rows and yes.shape == shape:
            return Rows([y if c else no for c, y in zip(condition.flat, yes.flat, strict=True)], shape)
        if type(yes) in _NUMBERS and type(no) is Rows:  # broadcast, then inline (no call per element)
            shape = _broadcast_shape(shape, no.shape)
            pairs = zip(_spread(condition, shape), _spread(no, shape), strict=True)
            return Rows([yes if c else n for c, n in pairs], shape)
    return _map(_pick, condition, yes, no)


def _pick(condition: Any, yes: Any, no: Any) -> Any:
    return yes if condition else no


def _pairwise(flat: list[Any], start: int, n: int) -> Any:
    """numpy's sum of flat[start:start + n] (its pairwise summation, in its order: bit for bit its floats)."""
    if n < 8:
        res = 0
        for i in range(start, start + n):
            res += flat[i]
        return res
    if n == 24:  # the hours of a day, the usual case: the same additions, unrolled
        a = flat[start:start + 24]
        return ((((a[0] + a[8] + a[16]) + (a[1] + a[9] + a[17])) + ((a[2] + a[10] + a[18]) + (a[3] + a[11] + a[19])))
                + (((a[4] + a[12] + a[20]) + (a[5] + a[13] + a[21]))
                   + ((a[6] + a[14] + a[22]) + (a[7] + a[15] + a[23]))))
    if n <= 128:
        r = flat[start:start + 8]
        end = start + n - n % 8
        for i in range(start + 8, end, 8):
            r[0] += flat[i]
            r[1] += flat[i + 1]
            r[2] += flat[i + 2]
            r[3] += flat[i + 3]
            r[4] += flat[i + 4]
            r[5] += flat[i + 5]
            r[6] += flat[i + 6]
            r[7] += flat[i + 7]
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        for i in range(end, start + n):
            res += flat[i]
        return res
    half = n // 2
    half -= half % 8
    return _pairwise(flat, start, half) + _pairwise(flat, start + half, n - half)


def sum_(values: Any, axis: int | None = None, keepdims: bool = False) -> Any:
    """The sum over one axis (or all), added in numpy's order: pairwise along the last axis (and over all), one
    element after the other along any other, so float sums are numpy's to the bit, not only whole numbers."""
    rows = _as_rows(values)
    if axis is None:
        return _pairwise(rows.flat, 0, len(rows.flat))
    axis = axis % rows.ndim
    shape = rows.shape[:axis] + ((1,) if keepdims else ()) + rows.shape[axis + 1:]
    flat = rows.flat
    outer, size = math.prod(rows.shape[:axis]), rows.shape[axis]
    inner = math.prod(rows.shape[axis + 1:])
    if inner == 1:  # the last axis (or only ones after it): sum each run of the flat list
        return Rows([_pairwise(flat, i, size) for i in range(0, len(flat), size)], shape)
    found = []
    for o in range(outer):
        for i in range(inner):
            res = 0
            for k in range(size):
                res += flat[(o * size + k) * inner + i]
            found.append(res)
    return Rows(found, shape)


def floor(values: Any) -> Any:
    return _rounded(values, math.floor)


inf = math.inf
ndarray = Rows  # numpy's name for its array type


def max(values: Any) -> Any:  # numpy's names, as the cost code calls them
    return _as_rows(values).max()


def any(values: Any) -> bool:
    return _as_rows(values).any()


sum = sum_
