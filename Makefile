# Two commands do everything on a fresh Linux machine with Python 3.11+:
#   make test     create .venv, install the pinned requirements, run the tests
#   make report   render the default report set into outputs/
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv test report lab bench clean

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "licheng needs Python 3.11 or newer; found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==26.3
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest licheng tests

clean:
	rm -rf $(VENV) outputs/*/ outputs/index.html

lab: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter lab scorecard.ipynb growth.ipynb comparison.ipynb
