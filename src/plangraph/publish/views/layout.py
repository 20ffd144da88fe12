"""Positions computed in Python, so the page draws at once and nothing moves afterwards.

A force layout in the browser took 20 s for 490 nodes on a 2-core laptop and never settled
at 1,200 (measured for the research note); columns computed here take milliseconds, read
left to right ("who -> what -> why") and are the same in the HTML, the PNG and the GEXF.
Units are screen pixels at zoom 1; y grows downwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["FONT", "margin", "box_size", "spread", "circle", "compact", "grid", "mean"]

# Big enough for the names a board looks for to stay legible when a whole view is fitted
# on a laptop screen (about half size). The measures and activities, drawn with their own words
# ("1a i · Percentage of women…"), are the smallest: the page opens at a zoom where they read
# at 10 px or more (view.js), which shows a plan's first rows rather than the whole view.
FONT = {"plan": 28, "priority": 24, "outcome": 22, "organisation": 24, "partnership": 24,
        "person": 20, "service": 20, "source": 18, "measure": 14, "activity": 14, "report": 13,
        "claim": 13, "heading": 22, "commitment": 14, "action": 14, "indicator": 14, "post": 20, "team": 22}
SMALL = ("measure", "activity", "commitment", "action", "indicator")  # boxes with a narrow margin


def margin(kind: str) -> int:
    return 4 if kind in SMALL else 7


CHAR = 0.56  # average glyph width of a sans-serif face, as a share of the font size


def box_size(label: str, kind: str, *, boxed: bool, font: float | None = None) -> tuple[float, float]:
    """Width and height that a node with this label takes on the canvas."""
    lines = label.split("\n") if label else [""]
    font = font or FONT.get(kind, 14)
    width = max(len(line) for line in lines) * font * CHAR
    height = len(lines) * font * 1.2
    if boxed:
        return width + 6 + 2 * margin(kind), height + 2 * margin(kind)
    return max(width, 20), height + 24  # a dot with its label under it


def mean(values: Iterable[float], default: float = 0.0) -> float:
    items = list(values)
    return sum(items) / len(items) if items else default


def spread(order: Sequence[str], desired: dict[str, float], extent: dict[str, float],
           gap: float) -> dict[str, float]:
    """Place ``order`` top to bottom as near ``desired`` as they can be without overlapping.

    Each node takes ``extent`` (its height) plus ``gap``; the column is then shifted so
    that, on average, nodes sit where they wanted to be.
    """
    placed: dict[str, float] = {}
    bottom = float("-inf")
    for node in order:
        y = max(desired[node], bottom + extent[node] / 2 + gap)
        placed[node] = y
        bottom = y + extent[node] / 2
    shift = mean(desired[n] - placed[n] for n in order)
    return {n: y + shift for n, y in placed.items()}


def circle(widths: Sequence[float], heights: Sequence[float]) -> list[tuple[float, float]]:
    """Centres of boxes around a circle wide enough that neighbours do not overlap
    (two boxes side by side, one box alone at the centre)."""
    import math

    count = len(widths)
    if count == 1:
        return [(0.0, 0.0)]
    if count == 2:
        apart = (widths[0] + widths[1]) / 2 + 160  # room for the line and its count
        return [(-apart / 2, 0.0), (apart / 2, 0.0)]
    radius = max(140.0, sum(w + 80 for w in widths) / (2 * math.pi), sum(h + 60 for h in heights) / math.pi)

    def spots(r: float) -> list[tuple[float, float]]:
        return [(r * math.cos(2 * math.pi * i / count - math.pi / 2),
                 r * math.sin(2 * math.pi * i / count - math.pi / 2)) for i in range(count)]

    def clear(at: list[tuple[float, float]]) -> bool:
        # wide boxes half way up the circle are beside each other diagonally: apart enough along
        # the circle, they may still overlap
        # (only near neighbours can overlap, the circle having room for every box along it)
        near = [(i, (i + k) % count) for i in range(count) for k in range(1, min(4, count))]
        return all(abs(at[i][0] - at[j][0]) >= (widths[i] + widths[j]) / 2 + 20
                   or abs(at[i][1] - at[j][1]) >= (heights[i] + heights[j]) / 2 + 10
                   for i, j in near)

    at = spots(radius)
    for _ in range(60):  # the circle grows until no two boxes overlap
        if clear(at):
            break
        radius *= 1.08
        at = spots(radius)
    return at


def grid(count: int, per_row: int, cell: tuple[float, float]) -> list[tuple[float, float]]:
    """Offsets of ``count`` cells in rows of ``per_row``, from the top-left cell's centre."""
    return [((i % per_row) * cell[0], (i // per_row) * cell[1]) for i in range(count)]


def compact(sizes: Sequence[tuple[float, float]], links: Sequence[tuple[int, int, float]],
            gap: tuple[float, float] = (50.0, 36.0), rounds: int = 90) -> list[tuple[float, float]]:
    """Centres of boxes (``sizes``: width, height; the first the most important) placed near
    the boxes they are linked to (``links``: index, index, strength) in a compact, wider than
    high patch, no two overlapping: a force layout (Fruchterman and Reingold's, started from a
    spiral with the first box at its centre, so the same every time), stretched to the boxes'
    sizes, then pushed apart where boxes still overlap. Pure Python: a few hundred boxes."""
    import math

    count = len(sizes)
    if count < 3:
        return circle([w for w, _ in sizes], [h for _, h in sizes])
    golden = math.pi * (3 - math.sqrt(5))
    at = [[math.sqrt(i + 0.5) * math.cos(i * golden), math.sqrt(i + 0.5) * math.sin(i * golden)] for i in range(count)]
    k = math.sqrt(math.pi)  # the spiral's area per box is pi
    strongest = max((s for _, _, s in links), default=1.0)
    heat = math.sqrt(count) / 2
    for step in range(rounds):
        move = [[0.0, 0.0] for _ in range(count)]
        for i in range(count):
            xi, yi = at[i]
            for j in range(i + 1, count):
                dx, dy = xi - at[j][0], yi - at[j][1]
                d2 = max(dx * dx + dy * dy, 1e-4)
                f = k * k / d2
                move[i][0] += dx * f
                move[i][1] += dy * f
                move[j][0] -= dx * f
                move[j][1] -= dy * f
        for i, j, s in links:
            dx, dy = at[i][0] - at[j][0], at[i][1] - at[j][1]
            d = math.sqrt(dx * dx + dy * dy) or 1e-2
            f = d / k * (0.5 + s / strongest)
            move[i][0] -= dx * f
            move[i][1] -= dy * f
            move[j][0] += dx * f
            move[j][1] += dy * f
        t = heat * (1 - step / rounds) + 0.01
        for i in range(count):
            length = math.hypot(*move[i]) or 1.0
            at[i][0] += move[i][0] / length * min(length, t)
            at[i][1] += move[i][1] / length * min(length, t)
    # to the boxes' sizes: as far apart, on average, as a box and its gap
    wide = mean(w for w, _ in sizes) + gap[0]
    high = mean(h for _, h in sizes) + gap[1]
    cx, cy = mean(p[0] for p in at), mean(p[1] for p in at)
    spots = [[(x - cx) / k * wide * 0.8, (y - cy) / k * high * 0.8] for x, y in at]
    half = [((w + gap[0]) / 2, (h + gap[1]) / 2) for w, h in sizes]
    for _ in range(400):  # pushed apart, along the way they overlap least
        clear = True
        for i in range(count):
            for j in range(i + 1, count):
                dx, dy = spots[j][0] - spots[i][0], spots[j][1] - spots[i][1]
                ox = half[i][0] + half[j][0] - abs(dx)
                oy = half[i][1] + half[j][1] - abs(dy)
                if ox <= 0 or oy <= 0:
                    continue
                clear = False
                if ox * high < oy * wide:  # less to move sideways (in box widths)
                    push = (ox / 2 + 0.5) * (1 if dx >= 0 else -1)
                    spots[i][0] -= push
                    spots[j][0] += push
                else:
                    push = (oy / 2 + 0.5) * (1 if dy >= 0 else -1)
                    spots[i][1] -= push
                    spots[j][1] += push
        if clear:
            break
    return [(x, y) for x, y in spots]
