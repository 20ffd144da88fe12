"""What a build writes into its output folder, and how (see
:class:`plangraph.store.folder.BuildFolder`): into a staging folder first, then moved into
place all at once; a failure never leaves a half-written output folder and never touches
the previous build's outputs."""

from __future__ import annotations

from plangraph.publish.viz import VIEW_NAMES

__all__ = ["FOLDERS", "OUTPUTS"]

# What build writes into its output folder (and may replace there); nothing else is touched.
FOLDERS = ("store",)
OUTPUTS = ("graph.trig", "validation.txt", "validation.json", *FOLDERS, "audit.html",
           *(f"{v}.html" for v in VIEW_NAMES))
