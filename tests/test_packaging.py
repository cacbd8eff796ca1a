"""licheng as a package: a wheel that installs anywhere, ships its data and source text,
declares what it imports, and keeps the project's files out of site-packages."""
import ast
import hashlib
import importlib
import inspect
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import licheng
from licheng import paths
from licheng.publishing import cli

REPO = paths.ROOT
BIN = Path(sys.executable).parent


def test_packaged_source_text_is_the_seed_unchanged():
    shipped = paths.SOURCES_DIR / "000_b3f4c63950b13c0f.txt"
    assert shipped.read_bytes() == (paths.SEEDS_DIR / shipped.name).read_bytes()
    assert licheng.load_scorecard().attrs["source_path"] == str(shipped)


def test_packaged_scorecard_names_its_source_inside_the_package():
    sc = licheng.load_scorecard()
    assert Path(sc.attrs["source_path"]).is_relative_to(paths.PACKAGE_DIR)
    assert ".." not in (paths.SCORECARD_CSV.read_text(encoding="utf-8").split("\n")[1])


def _imported_distributions() -> set[str]:
    """Distributions of every third-party module licheng imports, even inside a function."""
    import importlib.metadata as md

    modules = set()
    for f in paths.PACKAGE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    owners = md.packages_distributions()
    return {_norm(d) for m in modules - set(sys.stdlib_module_names) - {"licheng"} for d in owners[m]}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_package_licheng_imports_is_a_declared_dependency():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    declared = {_norm(re.split(r"[\[<>=!~; ]", d, maxsplit=1)[0]) for d in declared}
    assert "typst" in declared and "fonttools" in declared
    assert _imported_distributions() <= declared, _imported_distributions() - declared


def test_version_flag_prints_the_version(capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["--version"])
    assert e.value.code == 0 and capsys.readouterr().out.strip() == f"licheng {licheng.__version__}"


def test_config_is_accepted_after_the_subcommand_as_well_as_before(tmp_path, capsys):
    config = tmp_path / "set.toml"
    shutil.copy(paths.NOTEBOOKS_DIR / "growth.ipynb", tmp_path / "growth.ipynb")
    config.write_text('[[report]]\nname = "only-one"\nnotebook = "growth.ipynb"\n', encoding="utf-8")
    assert cli.main(["list", "--config", str(config)]) == 0
    assert capsys.readouterr().out.startswith("only-one")
    assert cli.main(["--config", str(config), "list"]) == 0
    assert capsys.readouterr().out.startswith("only-one")


def test_a_missing_report_set_says_where_licheng_looked_in_one_line(tmp_path, capsys):
    assert cli.main(["render", "--config", str(tmp_path / "nope.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "report set file not found" in err and "--config FILE" in err


def test_the_project_is_found_from_the_working_directory_up(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "reports.toml").write_text("", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert paths.project_dir(deep) == tmp_path.resolve()
    assert paths.project_dir(tmp_path / "notebooks") == tmp_path.resolve()


def test_dir_shows_the_lazily_loaded_functions():
    assert {"load_scorecard", "load_reference", "LichengError", "__version__"} <= set(dir(licheng))
    assert "TYPE_CHECKING" not in dir(licheng)


#: The library a user imports (everything below the command line) and the exporters nbconvert loads.
TYPED = ("licheng.figures", "licheng.scorecard", "licheng.analysis", "licheng.authoring")
TYPED_MODULES = ("licheng.fonts", "licheng.paths", "licheng.columns", "licheng.publishing.exporters",
                 "licheng.publishing.cli")


def _public_functions():
    names = list(TYPED_MODULES)
    for package in TYPED:
        names += [m.name for m in pkgutil.walk_packages(importlib.import_module(package).__path__, package + ".")]
    for name in names:
        module = importlib.import_module(name)
        for attr, obj in vars(module).items():
            if attr.startswith("_") or getattr(obj, "__module__", None) != name:
                continue
            if inspect.isfunction(obj):
                yield f"{name}.{attr}", obj
            elif inspect.isclass(obj):
                yield from ((f"{name}.{attr}.{m}", f) for m, f in vars(obj).items()
                            if inspect.isfunction(f) and not m.startswith("_"))


def test_public_functions_have_type_hints_and_py_typed_ships():
    untyped = []
    for name, f in _public_functions():
        sig = inspect.signature(f)
        bare = [p for p, v in sig.parameters.items() if p not in ("self", "cls") and v.annotation is v.empty
                and v.kind not in (v.VAR_POSITIONAL, v.VAR_KEYWORD)]
        if bare or sig.return_annotation is sig.empty:
            untyped.append(name)
    assert untyped == []
    assert (paths.PACKAGE_DIR / "py.typed").is_file()


# -- the wheel, built and installed for real ----------------------------------

@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built by setuptools from a copy of the source tree (the checkout stays clean)."""
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns(".venv", ".git", "outputs", "build", "dist", "*.egg-info", "__pycache__",
                                    ".pytest_cache", ".hypothesis", "tests", "benchmarks", "docs")
    shutil.copytree(REPO, src, ignore=ignore, dirs_exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    build = subprocess.run([sys.executable, "-W", "always", "-c",
                            "from setuptools import build_meta; print(build_meta.build_wheel('dist'))"],
                           cwd=src, env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    log = build.stdout + build.stderr
    assert not re.search(r"warning", log, re.I), [l for l in log.splitlines() if re.search("warning", l, re.I)]
    return src / "dist" / build.stdout.strip().splitlines()[-1]


def test_the_wheel_ships_data_source_text_templates_and_py_typed(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("licheng/py.typed", "licheng/data/scorecard.csv", "licheng/data/reference.csv",
                   "licheng/data/sources/000_b3f4c63950b13c0f.txt", "licheng/templates/report.css",
                   "licheng/templates/licheng_html/index.html.j2"):
        assert needed in names
    assert not any(n.startswith(("tests/", "notebooks/", "seeds/", "outputs/")) for n in names)


@pytest.mark.slow
def test_the_installed_wheel_loads_its_data_and_renders_a_report_outside_site_packages(wheel, tmp_path):
    # A fresh venv that sees this venv's third-party packages (no network) but not its editable licheng:
    # a .pth line adds the folder to sys.path without running the editable install's own .pth hook.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    ours = next(p for p in sys.path if p.endswith("site-packages") and Path(p, "pandas").is_dir())
    (site / "_deps.pth").write_text(ours + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet",
                    "--no-index", "--no-deps", "--ignore-installed", wheel], check=True, timeout=300)
    py, exe = venv / "bin" / "python", venv / "bin" / "licheng"
    project = tmp_path / "project"  # a user's project: the report set and its notebooks, nothing else
    shutil.copytree(paths.NOTEBOOKS_DIR, project / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONPATH", "LICHENG_"))}
    # nbconvert's own templates are data files in <venv>/share/jupyter, where pip put them for this venv
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    check = ("import importlib.metadata as md, licheng; sc = licheng.load_scorecard();"
             "print(licheng.__file__); print(sc.attrs['source_path']); print(len(sc));"
             "[md.version(r.split()[0].split('[')[0].split(';')[0]) for r in md.requires('licheng')]")
    out = subprocess.run([py, "-c", check], cwd=project, env=env, capture_output=True, text=True, check=True)
    where, source, rows = out.stdout.split("\n")[:3]
    assert Path(where).is_relative_to(site) and Path(source).is_relative_to(site) and rows == "58"
    version = subprocess.run([exe, "--version"], cwd=project, env=env, capture_output=True, text=True)
    assert version.stdout.strip() == f"licheng {licheng.__version__}"

    # started inside the project's notebooks/: the report set and outputs/ are found from there up
    run = subprocess.run([exe, "render", "scorecard-en"], cwd=project / "notebooks", env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr + run.stdout
    html = (project / "outputs" / "scorecard-en" / "scorecard-en.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html and "Licheng District" in html
    assert (project / "outputs" / "scorecard-en" / "scorecard-en.pdf").read_bytes().startswith(b"%PDF")
    assert not (site / "outputs").exists() and not (site / "notebooks").exists()
    assert hashlib.sha256(Path(source).read_bytes()).hexdigest() == hashlib.sha256(
        (paths.SEEDS_DIR / Path(source).name).read_bytes()).hexdigest()
