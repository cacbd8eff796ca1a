"""What the notebooks' side (authoring) and the render's side (publishing) must agree on.

Notebooks import :mod:`licheng.authoring.report`, the command line imports
:mod:`licheng.publishing.render`; neither imports the other. The few names both need live
here.
"""

#: A table as data beside its HTML: caption, header, cells as shown, widths, source line.
TABLE_MIME = "application/vnd.licheng.table+json"
