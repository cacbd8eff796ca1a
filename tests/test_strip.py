"""Notebook hygiene: run and save in JupyterLab, commit without outputs (the git clean filter)."""
import shutil
import subprocess
import sys

import nbformat
import pytest

from licheng.paths import NOTEBOOKS_DIR, ROOT
from licheng.publishing.strip import strip, strip_text


def executed_notebook() -> nbformat.NotebookNode:
    """A notebook as JupyterLab saves it after Run All: outputs, counts, the kernel's language_info."""
    nb = nbformat.read(NOTEBOOKS_DIR / "growth.ipynb", as_version=4)
    for n, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = n + 1
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="历城区 1490\n")]
        cell.metadata["execution"] = {"iopub.status.busy": "2026-11-26T10:00:00Z"}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7", "codemirror_mode": {"name": "ipython"}}
    nb.metadata["papermill"] = {"parameters": {"lang": "en"}}
    return nb


def test_strip_drops_outputs_counts_and_run_metadata_but_keeps_sources_and_tags():
    nb = executed_notebook()
    sources = [c.source for c in nb.cells]
    clean = strip(nb)
    code = [c for c in clean.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None and "execution" not in c.metadata for c in code)
    assert [c.source for c in clean.cells] == sources
    assert code[0].metadata["tags"] == ["parameters"]
    assert clean.metadata["language_info"] == {"name": "python"} and "papermill" not in clean.metadata


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")))
def test_a_clean_notebook_passes_the_filter_byte_for_byte(name):
    text = (NOTEBOOKS_DIR / name).read_text(encoding="utf-8")
    assert strip_text(text) == text  # else git would show every committed notebook as changed


def test_the_repository_sends_its_notebooks_through_the_filter():
    out = subprocess.run(["git", "check-attr", "filter", "notebooks/growth.ipynb"], cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git checkout")
    assert out.stdout.strip().endswith("filter: licheng-notebooks")


def test_git_stores_a_notebook_run_in_jupyterlab_without_its_outputs(tmp_path):
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c",
           f"filter.licheng-notebooks.clean={sys.executable} -m licheng.publishing.strip"]
    subprocess.run(["git", "init", "-q", repo], check=True)
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")
    nbformat.write(executed_notebook(), repo / "notebooks" / "growth.ipynb")
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "run"], cwd=repo, check=True)
    stored = subprocess.run(["git", "show", "HEAD:notebooks/growth.ipynb"], cwd=repo, capture_output=True,
                            text=True, check=True).stdout
    assert stored == (NOTEBOOKS_DIR / "growth.ipynb").read_text(encoding="utf-8")  # as committed upstream
    on_disk = nbformat.read(repo / "notebooks" / "growth.ipynb", as_version=4)
    assert any(c.get("outputs") for c in on_disk.cells)  # the economist's run stays in the file
    status = subprocess.run([*git, "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout
    assert status == ""  # and the outputs are not a change to commit
