"""Variable initializers: op structure under get_variable, deterministic values, dtypes and errors."""
