"""Whether a hidden count can be worked out from what a table shows (docs/small-numbers.md).

The attacker's side of small-cell suppression (samsyn/stats/suppression.py decides what to
hide): the linear equations of a table's lines, narrowing each hidden cell's possible values
("< 5" is 1..4, "dolt" is 0 or at least 5, counts are non-negative), and a bounded search for
a second table that shows the same. ``determined_cells`` is the answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from samsyn.stats.small_numbers import SMALL_COUNT

UNBOUNDED = 10**12
MAX_PROPAGATION_ROUNDS = 1000
SEARCH_BUDGET = 300

Position = tuple[int, int]


@dataclass(frozen=True)
class Line:
    """A linear relation of the table: the ``parts`` add up to ``total``."""

    parts: tuple[Position, ...]
    total: Position

    @property
    def cells(self) -> tuple[Position, ...]:
        return (*self.parts, self.total)


def validate_lines(values: Mapping[Position, int], lines: Iterable[Line]) -> None:
    for position, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"Cell {position} is not a non-negative integer: {value!r}.")
    for line in lines:
        if sum(values[p] for p in line.parts) != values[line.total]:
            raise ValueError(f"The parts of the line ending in {line.total} do not add up.")


# --- what an attacker can work out --------------------------------------------------------


def _rref(matrix: list[list[Fraction]], n_cols: int) -> tuple[list[list[Fraction]], list[int]]:
    rows = [row[:] for row in matrix]
    pivots: list[int] = []
    for col in range(n_cols):
        rank = len(pivots)
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][col]
        rows[rank] = [a / lead for a in rows[rank]]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        pivots.append(col)
    return rows, pivots


def linearly_determined(hidden: Iterable[Position], lines: Sequence[Line]) -> set[Position]:
    """Hidden cells whose value follows from the line equations alone (over the reals).

    The equations restricted to the hidden cells are brought to reduced row echelon form; a
    hidden cell is determined exactly when it is a pivot whose row has no free cell in it
    (every solution then has the same value there).
    """
    order = sorted(hidden)
    if not order or not lines:
        return set()
    matrix = [
        [Fraction(-1 if p == line.total else (1 if p in line.parts else 0)) for p in order]
        for line in lines
    ]
    rows, pivots = _rref(matrix, len(order))
    pivot_set = set(pivots)
    found: set[Position] = set()
    for row_index, col in enumerate(pivots):
        row = rows[row_index]
        if all(row[j] == 0 for j in range(len(order)) if j not in pivot_set):
            found.add(order[col])
    return found


def null_directions(hidden: Iterable[Position], lines: Sequence[Line]) -> list[dict[Position, int]]:
    """Integer changes of the hidden cells that keep every line adding up (a basis)."""
    order = sorted(hidden)
    if not order:
        return []
    matrix = [
        [Fraction(-1 if p == line.total else (1 if p in line.parts else 0)) for p in order]
        for line in lines
    ]
    rows, pivots = _rref(matrix, len(order)) if lines else ([], [])
    directions: list[dict[Position, int]] = []
    for free in (j for j in range(len(order)) if j not in set(pivots)):
        vector = {order[free]: Fraction(1)}
        for row_index, col in enumerate(pivots):
            if rows[row_index][free] != 0:
                vector[order[col]] = -rows[row_index][free]
        scale = math.lcm(*(value.denominator for value in vector.values()))
        directions.append({p: int(value * scale) for p, value in vector.items()})
    return directions


def _in_domain(value: int, domain: Domain) -> bool:
    return any(lo <= value <= hi for lo, hi in domain)


def _quick_other_value(
    position: Position,
    values: Mapping[Position, int],
    domains: Mapping[Position, Domain],
    directions: Sequence[dict[Position, int]],
) -> bool:
    """A cheap proof: moving along one direction a few steps gives another valid table."""
    for direction in directions:
        if direction.get(position, 0) == 0:
            continue
        for step in (1, -1, 2, -2, 3, -3, 5, -5):
            if all(_in_domain(values[p] + step * d, domains[p]) for p, d in direction.items()):
                return True
    return False


# A set of possible values: sorted, disjoint, non-adjacent closed intervals.
Domain = tuple[tuple[int, int], ...]
MAX_PIECES = 64


def _normal(pieces: Iterable[tuple[int, int]]) -> Domain:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted((max(lo, 0), min(hi, UNBOUNDED)) for lo, hi in pieces):
        if lo > hi:
            continue
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    if len(merged) > MAX_PIECES:
        return ((merged[0][0], merged[-1][1]),)
    return tuple(merged)


def _plus(a: Domain, b: Domain) -> Domain:
    return _normal((a1 + b1, a2 + b2) for a1, a2 in a for b1, b2 in b)


def _minus(a: Domain, b: Domain) -> Domain:
    """{x - y} for x in a, y in b, kept to non-negative values."""
    return _normal((a1 - b2, a2 - b1) for a1, a2 in a for b1, b2 in b)


def _intersect(a: Domain, b: Domain) -> Domain:
    return _normal(
        (max(a1, b1), min(a2, b2)) for a1, a2 in a for b1, b2 in b if max(a1, b1) <= min(a2, b2)
    )


def _initial_domains(
    values: Mapping[Position, int],
    primary: set[Position],
    secondary: set[Position],
    limit: int = SMALL_COUNT,
) -> dict[Position, Domain]:
    domains: dict[Position, Domain] = {}
    for position, value in values.items():
        if position in primary:
            domains[position] = ((1, limit - 1),)
        elif position in secondary:  # "dolt": 0 or at least the limit, never 1 to limit - 1
            domains[position] = ((0, 0), (limit, UNBOUNDED))
        else:
            domains[position] = ((value, value),)
    return domains


def _sum_of(positions: Iterable[Position], domains: Mapping[Position, Domain]) -> Domain:
    total: Domain = ((0, 0),)
    for position in positions:
        total = _plus(total, domains[position])
    return total


def _tighten_line(line: Line, domains: dict[Position, Domain]) -> list[Position]:
    """Narrow the cells of one line; the cells that changed."""
    parts = line.parts
    prefix: list[Domain] = [((0, 0),)]
    for position in parts:
        prefix.append(_plus(prefix[-1], domains[position]))
    suffix: list[Domain] = [((0, 0),)]
    for position in reversed(parts):
        suffix.append(_plus(suffix[-1], domains[position]))
    suffix.reverse()
    changed: list[Position] = []
    total = domains[line.total]
    for index, position in enumerate(parts):
        others = _plus(prefix[index], suffix[index + 1])
        narrowed = _intersect(domains[position], _minus(total, others))
        if narrowed != domains[position]:
            domains[position] = narrowed
            changed.append(position)
    narrowed = _intersect(total, prefix[-1])
    if narrowed != total:
        domains[line.total] = narrowed
        changed.append(line.total)
    return changed


def cell_domains(
    values: Mapping[Position, int],
    primary: Iterable[Position],
    secondary: Iterable[Position],
    lines: Sequence[Line],
    *,
    limit: int = SMALL_COUNT,
) -> dict[Position, Domain]:
    """The values an attacker can still think possible for each cell, by propagation.

    Every line is used in turn to narrow the possible values of its cells (knowing that
    "< 5" is 1 to 4, "dolt" is 0 or at least 5 and shown cells are exact) until nothing
    changes. This is sound (it never removes the true value) but not complete.
    """
    domains = _initial_domains(values, set(primary), set(secondary), limit)
    _propagate(domains, lines)
    return domains


def _propagate(
    domains: dict[Position, Domain],
    lines: Sequence[Line],
    changed: Position | None = None,
) -> bool:
    """Narrow ``domains`` in place; False when some cell has no possible value left.

    With ``changed``, only that cell's domain changed since the domains were last narrowed.
    """
    lines_of: dict[Position, list[int]] = {}
    for index, line in enumerate(lines):
        for position in line.cells:
            lines_of.setdefault(position, []).append(index)
    queue = list(range(len(lines))) if changed is None else list(lines_of.get(changed, []))
    queued = set(queue)
    steps = MAX_PROPAGATION_ROUNDS * max(len(lines), 1)
    while queue and steps > 0:
        steps -= 1
        index = queue.pop(0)
        queued.discard(index)
        for position in _tighten_line(lines[index], domains):
            if not domains[position]:
                return False
            for other in lines_of[position]:
                if other not in queued:
                    queue.append(other)
                    queued.add(other)
    return True


def _size(domain: Domain) -> int:
    return sum(hi - lo + 1 for lo, hi in domain)


def _halves(domain: Domain) -> tuple[Domain, Domain]:
    if len(domain) > 1:
        middle = len(domain) // 2
        return domain[:middle], domain[middle:]
    lo, hi = domain[0]
    middle = (lo + hi) // 2
    return ((lo, middle),), ((middle + 1, hi),)


def _solvable(
    domains: dict[Position, Domain],
    hidden: Sequence[Position],
    lines: Sequence[Line],
    budget: list[int],
    changed: Position,
) -> bool | None:
    """Is there an integer table within ``domains``? None when the search budget ran out."""
    if not _propagate(domains, lines, changed):
        return False
    open_cells = [p for p in hidden if not _single(domains[p])]
    if not open_cells:
        return True
    budget[0] -= 1
    if budget[0] < 0:
        return None
    position = min(open_cells, key=lambda p: _size(domains[p]))
    unknown = False
    for half in _halves(domains[position]):
        trial = dict(domains)
        trial[position] = half
        found = _solvable(trial, hidden, lines, budget, position)
        if found:
            return True
        unknown = unknown or found is None
    return None if unknown else False


def has_other_value(
    position: Position,
    values: Mapping[Position, int],
    domains: Mapping[Position, Domain],
    lines: Sequence[Line],
    *,
    budget: int = SEARCH_BUDGET,
) -> bool | None:
    """Could a hidden cell have another value than its true one? (Exact integer search.)

    Searches, by splitting the possible values in halves and narrowing, for a complete table
    consistent with everything shown in which ``position`` differs from its true value.
    None when the search gave up (treated as "no": the cell is protected further).
    """
    true = values[position]
    without = _intersect(domains[position], ((0, true - 1), (true + 1, UNBOUNDED)))
    if not without:
        return False
    trial = dict(domains)
    trial[position] = without
    hidden = sorted(p for p, d in domains.items() if not _single(d) or p == position)
    return _solvable(trial, hidden, lines, [budget], position)


def _single(domain: Domain) -> bool:
    return len(domain) == 1 and domain[0][0] == domain[0][1]


def determined_cells(
    values: Mapping[Position, int],
    primary: Iterable[Position],
    secondary: Iterable[Position],
    lines: Sequence[Line],
    *,
    limit: int = SMALL_COUNT,
) -> set[Position]:
    """Hidden cells an attacker can work out: from the equations, by narrowing, or by search.

    Hidden zeros are only reported when the equations or the narrowing give them away.
    """
    primary_set, secondary_set = set(primary), set(secondary)
    hidden = primary_set | secondary_set
    found = linearly_determined(hidden, lines)
    domains = cell_domains(values, primary_set, secondary_set, lines, limit=limit)
    found.update(p for p in hidden if _single(domains[p]))
    directions = null_directions(hidden, lines)
    for position in sorted(hidden - found):
        if values[position] == 0 or _quick_other_value(position, values, domains, directions):
            continue
        if not has_other_value(position, values, domains, lines):
            found.add(position)
    return found
