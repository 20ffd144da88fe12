"""Plain-text foundations every later stage shares; they know nothing of plans or graphs.

- :mod:`~plangraph.text.slug`: slugs for IRIs and for plan files, and content hashes;
- :mod:`~plangraph.text.names`: patterns that find known names, longest first, as whole words;
- :mod:`~plangraph.text.organisations`: the known organisations of ``data/organisations.csv``;
- :mod:`~plangraph.text.sentences`: where sentences and list items end, for cells, claims and figures;
- :mod:`~plangraph.text.cuts`: words cut off at a table's column edge;
- :mod:`~plangraph.text.phrases` and :mod:`~plangraph.text.stretches`: what a text prints
  and where its stretches stand, indexed once for questions asked many times of one text.
"""

from __future__ import annotations

from plangraph.text.cuts import cut_words
from plangraph.text.names import alternation, forms_pattern
from plangraph.text.organisations import (OrganisationName, known_organisations, organisation_names,
                                          organisations_pattern)
from plangraph.text.sentences import (ABBREVIATIONS, BULLET, BULLETS, SENTENCE_END, ends_open, list_items,
                                      numbered_items, sentence_ends, sentence_spans)
from plangraph.text.slug import content_hash, file_slug, iri_slug

__all__ = ["ABBREVIATIONS", "BULLET", "BULLETS", "OrganisationName", "SENTENCE_END", "alternation",
           "content_hash", "cut_words", "ends_open", "file_slug", "forms_pattern", "iri_slug",
           "known_organisations", "list_items", "numbered_items", "organisation_names", "organisations_pattern",
           "sentence_ends", "sentence_spans"]
