"""The figures in a claim's text: value, unit, area, period and comparator of each.

``find_figures`` reads the quantities a sentence of a plan reports ("18.7% of women in
Nottingham City", "£70m", "6.59 weeks", "608 young people registered") and, for each, the
area and period the sentence ties it to and the figure it is compared with ("compared to
74.3% in England", "from 16.3 days in 2014/15 to 11.2 days in 2016/17"). It is pure text:
offsets are code points of the string given, and nothing is guessed from outside it: an
area or a period is returned only when the text prints it. Area names come from
``data/areas.csv`` (name as printed, canonical name, ONS GSS code).

Not figures: years and dates; ages ("aged 16 plus", "under 25's", "16- 18 year olds");
numbers in names ("Tier 2", "Key Stage 4", "Year 6", "Progress 8", "Quarter 3", "s136");
ranges ("6-8 weeks", "0-19"); compound adjectives ("6-week programme", "5 year contract");
ratios ("1:1"); ordinals; limits ("up to 12 weeks"); horizons ("over the next 5 years");
rates per week ("3 days per week"); list-item numbers ("7. Developed", and the "8." of
"8.21% reduction" when the text is a numbered list or the figure is a two-decimal
percentage); and bare numbers, unless the sentence says what they count ("the number of
admissions ... was 54") or compares them ("the England average of 20.8", "target was 1136").

Units (``UNITS``): percent, percentage-points, count (``unit_printed`` is the noun phrase:
"young people", "taxi drivers"), per-1000 / per-10000 / per-100000, gbp (value in pounds:
"£5.2m" is 5200000), days, weeks, months, years, and number (a quantity printed with no unit,
"received 2K"). A bare number compared with a figure takes that figure's unit.

The package reads in this order: ``tokens`` finds the numbers and their units (``nouns``
the noun phrase a count stands before), leaving out the time expressions of ``times`` and
the numbers ``masks`` says are never figures; :mod:`plangraph.text.sentences` cuts
sentences and list items, and ``sentences`` clauses; in each sentence, ``roles`` links a
figure to the one it is compared with and settles bare numbers' units, ``sentence_areas``
and ``sentence_periods`` find its area (names from ``places``) and period; ``find`` runs
the steps and returns ``record.Figure``.

Examples
--------
>>> from plangraph.analysis.figures import find_figures
>>> [fig] = find_figures("In 2017, 12.5% of pupils in Nottinghamshire met the standard, "
...                      "compared to 10.1% in England.")
>>> fig.printed, fig.value, fig.unit, fig.area, fig.period
('12.5%', Decimal('12.5'), 'percent', 'Nottinghamshire', '2017')
>>> fig.comparator.value, fig.comparator.area, fig.comparator.role
(Decimal('10.1'), 'England', 'comparator')
>>> [(f.value, f.unit, f.unit_printed) for f in find_figures("We trained 4,000 taxi drivers.")]
[(Decimal('4000'), 'count', 'taxi drivers')]
"""

from __future__ import annotations

from plangraph.analysis.figures.find import find_figures
from plangraph.analysis.figures.places import Area, area_gss, areas
from plangraph.analysis.figures.record import UNITS, Figure

__all__ = ["UNITS", "Area", "Figure", "areas", "area_gss", "find_figures"]
