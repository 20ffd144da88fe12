"""The four views, each a networkx graph made from the rows of SPARQL queries.

``who-leads-what``: officers and organisations -> measures and activities -> outcomes ->
priorities -> plans. ``partnerships``: organisations linked by the items they share.
``across-plans``: the organisations, people, services and sources that appear in more than
one plan. ``evidence``: claims -> the sources they cite, unsourced claims marked.

Each view has a module of its own (``who_leads_what``, ``partnerships``, ``across_plans``,
``evidence``) built from the shared node helpers of ``nodes``; this module names them.
"""

from __future__ import annotations

from collections.abc import Callable

from plangraph.publish.views.across_plans import NEED as ACROSS_PLANS_NEED
from plangraph.publish.views.across_plans import across_plans
from plangraph.publish.views.evidence import NEED as EVIDENCE_NEED
from plangraph.publish.views.evidence import evidence
from plangraph.publish.views.facts import Facts
from plangraph.publish.views.model import View
from plangraph.publish.views.nodes import Need
from plangraph.publish.views.partnerships import NEED as PARTNERSHIPS_NEED
from plangraph.publish.views.partnerships import partnerships
from plangraph.publish.views.who_leads_what import NEED as WHO_LEADS_WHAT_NEED
from plangraph.publish.views.who_leads_what import who_leads_what

__all__ = ["VIEWS", "NEEDS", "make_view", "who_leads_what", "partnerships", "across_plans", "evidence"]

# What each view asks of the graph: the groups of nodes it needs (Facts.need) and the view
# queries it reads ("outline" through Facts.parent). plangraph.publish.pages asks all of them ahead of
# drawing; a view that asked for more would still be answered, by the store.
NEEDS: dict[str, Need] = {
    "who-leads-what": WHO_LEADS_WHAT_NEED,
    "partnerships": PARTNERSHIPS_NEED,
    "across-plans": ACROSS_PLANS_NEED,
    "evidence": EVIDENCE_NEED,
}

VIEWS: dict[str, Callable[[Facts], View]] = {
    "who-leads-what": who_leads_what,
    "partnerships": partnerships,
    "across-plans": across_plans,
    "evidence": evidence,
}


def make_view(name: str, facts: Facts) -> View:
    """Build the view called ``name`` (a key of ``VIEWS``)."""
    return VIEWS[name](facts)
