"""Notebooks as committed: sources and tags, no outputs, no run metadata.

Used as a git clean filter (``.gitattributes`` names it for ``notebooks/*.ipynb``;
``make venv`` configures it), so that a notebook run and saved in JupyterLab
keeps its outputs on disk while git stores it clean::

    python -m licheng.publishing.strip < run.ipynb > clean.ipynb
    python -m licheng.publishing.strip notebooks/*.ipynb      # clean files in place

Same idea as nbstripout, without another dependency: what is dropped is listed here.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

#: Notebook metadata a run adds (papermill's record, widget state, licheng's render facts).
RUN_METADATA = ("papermill", "widgets", "licheng", "toc", "varInspector")
#: Cell metadata a run or an editor adds; tags (``parameters``) are the notebook's own and stay.
CELL_RUN_METADATA = ("execution", "papermill", "collapsed", "scrolled", "ExecuteTime", "jupyter")


def strip(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` without outputs, execution counts and run metadata (changed in place and returned)."""
    for key in RUN_METADATA:
        nb.metadata.pop(key, None)
    if "language_info" in nb.metadata:  # the kernel fills in its version, codemirror mode ...: keep the name
        nb.metadata["language_info"] = {"name": nb.metadata["language_info"].get("name", "python")}
    for cell in nb.cells:
        for key in CELL_RUN_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def strip_text(text: str) -> str:
    """A notebook's JSON text, stripped, written as nbformat writes it (so a clean notebook is unchanged)."""
    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    return nbformat.writes(strip(nb)) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:  # git's clean filter: the notebook on stdin, the clean one on stdout
        data = sys.stdin.buffer.read().decode("utf-8")
        sys.stdout.buffer.write(strip_text(data).encode("utf-8"))
        return 0
    for name in args:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        clean = strip_text(text)
        if clean != text:
            path.write_text(clean, encoding="utf-8")
            print(f"stripped {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
