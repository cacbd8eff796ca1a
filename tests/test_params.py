"""Parameter checks without a kernel (the same checks the notebooks run)."""
import pytest

from licheng.exceptions import ParameterError
from licheng.authoring.params import notebook_parameters, preflight
from licheng.paths import NOTEBOOKS_DIR

GROWTH = NOTEBOOKS_DIR / "growth.ipynb"
COMPARISON = NOTEBOOKS_DIR / "comparison.ipynb"


def test_declared_parameters_come_from_the_parameters_cell():
    params = notebook_parameters(GROWTH)
    assert params["horizon"]["inferred_type_name"] == "int" and params["horizon"]["default"] == "0"
    assert params["scenario_rates"]["inferred_type_name"] == "list[float]"


def test_defaults_pass_and_load_the_data():
    checked = preflight(GROWTH, {})
    assert checked.lang == "zh" and checked.horizon == 2030 and len(checked.scorecard) > 50


def test_defaults_left_to_the_data_come_from_the_regions_own_figures():
    checked = preflight(GROWTH, {})  # packaged: plan 2021-2025, GDP 1490, average rate 5.2 %
    assert (checked.horizon, checked.milestone) == (2030, 2000.0)
    assert checked.scenario_rates == pytest.approx([0.042, 0.052, 0.062])
    explicit = preflight(GROWTH, {"horizon": 2035, "milestone": 1800.0, "scenario_rates": (0.05,)})
    assert (explicit.horizon, explicit.milestone, explicit.scenario_rates) == (2035, 1800.0, [0.05])


@pytest.mark.parametrize("notebook, params, message", [
    (GROWTH, {"milestone": -5.0}, "parameter 'milestone': -5.0 must be a positive finite level"),
    (GROWTH, {"milestone": 1e999}, "parameter 'milestone': inf must be a positive finite level"),
    (GROWTH, {"horizon": 2200}, "give a year from 2026 to 2100"),
    # found by a hostile probe: 1e-300 passed, then failed in the kernel dividing by log(1 + rate) = 0
    (GROWTH, {"scenario_rates": [1e-300]}, "parameter 'scenario_rates': 1e-300 is below 0.01 % a year"),
    (GROWTH, {"horizon": True}, "parameter 'horizon': True is a bool, expected int"),
    (COMPARISON, {"min_reliability": "rumour"}, "parameter 'min_reliability': 'rumour' is not a reliability; choose one of"),
    (COMPARISON, {"themes": ["economy"]}, "parameter 'themes': this notebook declares no such parameter"),
])
def test_bad_values_are_refused_before_a_kernel_starts(notebook, params, message):
    with pytest.raises(ParameterError) as err:
        preflight(notebook, params)
    assert message in str(err.value)


def test_unknown_notebook():
    with pytest.raises(ParameterError, match="notebook '.*nope.ipynb' not found"):
        notebook_parameters(NOTEBOOKS_DIR / "nope.ipynb")


@pytest.mark.parametrize("name", ["scorecard", "growth", "comparison"])
def test_declared_parameters_read_as_papermill_reads_them(name):
    import papermill

    path = NOTEBOOKS_DIR / f"{name}.ipynb"
    assert notebook_parameters(path) == papermill.inspect_notebook(str(path))


def test_checking_parameters_does_not_import_papermill():
    """The render checks every report's parameters before any kernel starts: that must not wait for papermill."""
    import subprocess
    import sys

    code = ("import sys\nfrom licheng.authoring.params import preflight\nfrom licheng.paths import NOTEBOOKS_DIR\n"
            "preflight(NOTEBOOKS_DIR / 'growth.ipynb', {'lang': 'en'})\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('papermill', 'jsonschema', 'nbformat')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_checking_many_reports_reads_each_data_file_once(monkeypatch):
    from licheng.authoring import params

    reads = []
    for name in ("load_scorecard", "load_reference"):
        load = getattr(params, name)
        monkeypatch.setattr(params, name, lambda path=None, _load=load, _name=name: (reads.append(_name), _load(path))[1])
    loaded: dict = {}
    for lang in ("zh", "en"):
        for notebook in (GROWTH, GROWTH):
            preflight(notebook, {"lang": lang}, loaded=loaded)
    assert sorted(reads) == ["load_reference", "load_scorecard"]
    with pytest.raises(ParameterError, match="parameter 'scorecard'"):  # an error still names its parameter
        preflight(GROWTH, {"scorecard": "no/such/file.csv"}, loaded=loaded)


@pytest.mark.parametrize("params, shown", [
    ({"lang": "x" * 100_000}, "'" + "x" * 78 + "… (100,002 characters) is not a supported language"),
    ({"indicators": ["y" * 5000, 3]}, "3 (in ['" + "y" * 77 + "… (5,007 characters)) is a int, expected str"),
    ({"z" * 500: 1}, "parameter '" + "z" * 78 + "… (502 characters): this notebook declares no such parameter"),
])
def test_an_error_repeats_at_most_80_characters_of_a_value(params, shown):
    """A 100 kB value gave a 100 kB 'one line' (left alone last session)."""
    with pytest.raises(ParameterError) as err:
        preflight(GROWTH, params)
    assert shown in str(err.value) and len(str(err.value)) < 400
