"""What the notebooks' side (authoring) and the render's side (publishing) must agree on.

Notebooks import :mod:`licheng.authoring.report`, the command line imports
:mod:`licheng.publishing.render`; neither imports the other. The few names both need live
here.
"""

#: Cells tagged with any of these never reach a reader (HTML or PDF): the parameters (as written and as
#: papermill injects them), the ``narrative`` Markdown that tells the person editing a notebook what a
#: section shows and why, and nbconvert's usual ``remove-cell``.
HIDDEN_CELL_TAGS = frozenset({"parameters", "injected-parameters", "narrative", "remove-cell"})

#: A table as data beside its HTML: caption, header, cells as shown, widths, source line.
TABLE_MIME = "application/vnd.licheng.table+json"

#: The Content-Security-Policy of every page a reader opens (report pages, the index, a draft's
#: review page): no script, nothing fetched; inline styles and data: images and fonts only.
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'"
