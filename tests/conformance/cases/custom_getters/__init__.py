"""Custom getters on variable_scope and get_variable: call order, kwargs, renaming and wrapping."""
