"""What the notebooks' side (authoring) and the render's side (publishing) must agree on.

Notebooks import :mod:`licheng.authoring.report`, the command line imports
:mod:`licheng.publishing.render`; neither imports the other. The few names both need live
here.
"""

#: A table as data beside its HTML: caption, header, cells as shown, widths, source line.
TABLE_MIME = "application/vnd.licheng.table+json"

#: The Content-Security-Policy of every page a reader opens (report pages, the index, a draft's
#: review page): no script, nothing fetched; inline styles and data: images and fonts only.
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'"
