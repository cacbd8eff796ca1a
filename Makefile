# Two commands do everything on a fresh Linux machine with Python 3.11+:
#   make test     create .venv, install the pinned requirements, run the tests
#   make report   render the default report set into outputs/
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv test test-slow report lab bench bench-draft bench-ab screenshot clean

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "licheng needs Python 3.11 or newer; found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==26.3
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m licheng.publishing.webfont
	@# the package's bytecode, as pip compiles what it installs: the first render does not compile it
	$(BIN)/python -m compileall -q licheng >/dev/null
	@# notebooks are committed without outputs: git strips them on `git add` (.gitattributes)
	if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git config --local filter.licheng-notebooks.clean '$(BIN)/python -m licheng.publishing.strip'; fi
	touch $(STAMP)

# The suite runs on every core (pytest-xdist; a file's tests stay on one worker, so a module's
# shared render happens once). Tests marked slow (the stress, Chromium, wheel and 24-report
# renders) run too when CI is set, as CI sets it; `make test-slow` runs them alone.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not slow" licheng tests
	@if [ -n "$$CI" ]; then $(MAKE) --no-print-directory test-slow; fi

test-slow: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile -m slow licheng tests

report: $(STAMP)
	$(BIN)/licheng render

# A picture of a rendered PDF page for the README (needs pdftoppm: apt-get install poppler-utils).
screenshot: $(STAMP)
	@command -v pdftoppm >/dev/null || { echo "make screenshot needs pdftoppm: apt-get install poppler-utils"; exit 1; }
	$(BIN)/licheng render comparison-en scorecard-zh
	mkdir -p docs
	pdftoppm -png -r 70 -f 1 -l 1 -singlefile outputs/scorecard-zh/scorecard-zh.pdf docs/scorecard-zh-page1
	pdftoppm -png -r 70 -f 3 -l 3 -singlefile outputs/comparison-en/comparison-en.pdf docs/comparison-en-page3

# Speed of the default set: licheng render against the plain tools (not part of the tests).
bench: $(STAMP)
	$(BIN)/python benchmarks/render_bench.py
	$(BIN)/python benchmarks/draft_bench.py

# licheng draft: recall and precision on the seed and the fixtures, and the time for 30,000 characters.
bench-draft: $(STAMP)
	$(BIN)/python benchmarks/draft_bench.py

# This checkout against another, render by render in turns: make bench-ab OTHER=/path/to/checkout [AB_ARGS="--sixty --runs 4"]
bench-ab: $(STAMP)
	@test -n "$(OTHER)" || { echo "make bench-ab OTHER=/path/to/another/checkout"; exit 2; }
	$(BIN)/python benchmarks/ab_bench.py "$(OTHER)" $(AB_ARGS)

clean:
	rm -rf $(VENV) outputs/*/ outputs/index.html

lab: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter lab scorecard.ipynb growth.ipynb comparison.ipynb
