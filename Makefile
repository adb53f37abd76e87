# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,demo,jax]'
	$(BIN)/python -m compileall -q src  # editable installs are not byte-compiled: import would compile every module
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/siamese_digits.py

# SCOPEFLOW_JAX_CONFORMANCE=all: the whole conformance suite runs on the JAX target too
# (tests/jax/test_conformance_jax.py; a plain pytest run samples every 8th case)
test: $(STAMP)
	$(BIN)/ruff check .
	SCOPEFLOW_JAX_CONFORMANCE=all $(BIN)/python -m pytest

clean:
	rm -rf $(VENV)
