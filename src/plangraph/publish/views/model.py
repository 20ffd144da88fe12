"""What a view is: a networkx graph whose nodes carry what every renderer needs.

A view is made from the RDF graph (``plangraph.publish.views.graphs``), laid out in Python
(``plangraph.publish.views.layout``) and drawn as HTML, PNG or GEXF. Each node of
``View.graph`` has these attributes, all plain JSON values so that every renderer can
use them as they are:

``label``
    the text drawn on the canvas (short; ``\\n`` breaks lines), may be empty
``name``
    the node's full name (the document's words for an item, the canonical name of an
    organisation); searched and shown in the tooltip
``kind``
    a key of ``KINDS``
``plans``
    slugs of the plans the node appears in (a key of ``View.plans`` each)
``quotes``
    ``[{"where": "file:line", "text": "..."}]``: the lines of the documents it was read from
``details``
    more lines for the tooltip (the members of an aggregate, a lead cell as printed)
``org``
    the key of ``View.organisations`` used when colouring by organisation ("" for none)
``x``, ``y``
    position (y grows downwards, as on a screen), ``size`` (radius in the same units)
``flag``
    "" or a warning drawn as a red border and named in the legend (an unsourced claim)
``priority``
    the IRI of the plan's priority a priority, outcome, measure or activity belongs to (or the
    top heading a heading, commitment, action or indicator stands under; "" for none
    or another kind), named in ``graph.graph["priorities"]``: IRI -> (its number and words, its
    plan's slug). The page filters by them.
``spots``
    only in a view with plan bands (``View.bands``, at regional scale): the node's position in
    each plan's band, ``{plan slug: (x, y)}``, y from the band's top

Edges carry ``kind`` (a key of ``EDGE_KINDS``), ``weight`` (drawn width) and ``text``
(the edge's tooltip). The ids of the nodes are the IRIs of the RDF nodes they stand for,
or ``aggregate:...`` for a node that stands for several.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

__all__ = ["Kind", "EdgeKind", "Band", "KINDS", "EDGE_KINDS", "FLAG_COLOUR", "NO_ORG", "OTHER_ORG",
           "ORG_PALETTE", "View", "shorten", "wrap"]


@dataclass(frozen=True)
class Kind:
    """How a kind of node is drawn and named in the legend."""

    key: str
    label: str
    colour: str
    shape: str  # a vis-network shape with the label outside it: dot, diamond, square, triangle, star
    marker: str  # the same shape for matplotlib


@dataclass(frozen=True)
class EdgeKind:
    key: str
    label: str
    colour: str
    dashed: bool = False


# Okabe-Ito colours, which people with the common colour-vision deficiencies can tell apart;
# shapes differ too, so that a kind does not rest on colour alone.
KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("plan", "Plan", "#3b3b3b", "star", "*"),
    Kind("priority", "Priority", "#0072B2", "diamond", "D"),
    Kind("outcome", "Outcome", "#56B4E9", "diamond", "d"),
    Kind("measure", "Performance measure", "#E69F00", "dot", "o"),
    Kind("activity", "Key activity", "#D55E00", "dot", "o"),
    Kind("organisation", "Organisation", "#009E73", "square", "s"),
    Kind("partnership", "Partnership or board", "#7fc97f", "square", "s"),
    Kind("person", "Officer", "#CC79A7", "triangle", "^"),
    Kind("service", "Service or programme", "#b8a000", "dot", "o"),
    Kind("source", "Source document", "#8c6d31", "square", "s"),
    Kind("report", "Progress report", "#6a51a3", "dot", "o"),
    Kind("claim", "Claim", "#6a51a3", "dot", "o"),
    # the items reader's layouts: headings in the place of priorities and outcomes, commitments,
    # actions and indicators in that of measures and activities, posts and teams as leads
    Kind("heading", "Heading", "#332288", "diamond", "d"),
    Kind("commitment", "Commitment", "#c2851b", "dot", "o"),
    Kind("action", "Action", "#aa4499", "dot", "o"),
    Kind("indicator", "Indicator", "#999933", "dot", "o"),
    Kind("post", "Post", "#882255", "triangle", "^"),
    Kind("team", "Team", "#44aa99", "square", "s"),
)}

EDGE_KINDS: dict[str, EdgeKind] = {e.key: e for e in (
    EdgeKind("leads", "leads", "#4d4d4d"),
    EdgeKind("member", "works for", "#CC79A7", dashed=True),
    EdgeKind("part-of", "belongs to", "#9e9e9e"),
    EdgeKind("co-lead", "lead the same items", "#009E73"),
    EdgeKind("named-together", "named in the same items", "#9e9e9e", dashed=True),
    EdgeKind("names", "appears in", "#9e9e9e"),
    EdgeKind("cites", "cites", "#8c6d31"),
    EdgeKind("about", "is about", "#9e9e9e", dashed=True),
)}

FLAG_COLOUR = "#d62728"
NO_ORG = "#d9d9d9"
OTHER_ORG = "#969696"
# Colours for "colour by organisation": the organisations with the most links get one each,
# the rest share OTHER_ORG, so that the legend stays short enough to read (as Kumu does).
ORG_PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
               "#1f78b4")


@dataclass
class Band:
    """One plan's part of a view at regional scale, laid out on its own, and the box that stands
    for it while it is closed: the page opens on the boxes (a grid, ``row`` by row) and draws a
    plan's band under its row when the plan is opened."""

    label: str  # the box's text: the plan's name and what it holds
    name: str
    details: list[str]
    x: float  # the box's centre in the grid
    y: float
    row: int
    height: float  # the band's, its column headings included


@dataclass
class View:
    """A graph ready to draw, with what the page says about it."""

    name: str
    title: str
    description: str
    graph: nx.DiGraph[str]
    plans: dict[str, str]  # plan slug -> short name, in display order
    organisations: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (name, colour)
    notes: list[str] = field(default_factory=list)
    flag_label: str = ""  # what a red border means in this view
    layered: bool = True  # columns (curved edges) rather than a force layout (straight edges)
    columns: list[tuple[float, str]] = field(default_factory=list)  # x and heading of each column
    bands: dict[str, Band] = field(default_factory=dict)  # plan slug -> its band (regional scale only)
    rows: list[float] = field(default_factory=list)  # the bottom of each row of the bands' boxes
    # the partnerships' "strongest links" control: the page opens showing the lines of this
    # weight (shared items) or more (0: no such control), on these nodes (the biggest group of them)
    least_weight: int = 0
    open_on: list[str] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        """The node kinds present, in legend order."""
        present = {str(a.get("kind")) for _, a in self.graph.nodes(data=True)}
        return [k for k in KINDS if k in present]

    @property
    def edge_kinds(self) -> list[str]:
        present = {str(a.get("kind")) for _, _, a in self.graph.edges(data=True)}
        return [k for k in EDGE_KINDS if k in present]


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters.

    >>> shorten("Children and young people adopt healthy lifestyles", 30)
    'Children and young people…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def wrap(text: str, width: int, lines: int = 3) -> str:
    """Break ``text`` into at most ``lines`` lines of about ``width`` characters.

    >>> wrap("Children and young people adopt healthy lifestyles", 20)
    'Children and young\\npeople adopt healthy\\nlifestyles'
    """
    import textwrap

    parts = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1].rstrip(" ,;:-") + "…"
    return "\n".join(parts)
