"""One module per benchmark; ``benchmarks/run.py`` runs them (see its docstring)."""
