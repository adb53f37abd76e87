"""What the examples print about a model: its variables, grouped by scope."""

import numpy as np


def print_variable_tree(variables, heading, count_width=6):
    """Print ``heading``, then the variables grouped by scope, with shapes and parameter counts."""
    print(heading)
    last_scope = None
    total = 0
    for v in variables:
        scope, _, leaf = v.op.name.rpartition("/")
        if scope != last_scope:
            print(f"  {scope}/")
            last_scope = scope
        shape = v.shape.as_list()
        count = int(np.prod(shape))
        total += count
        print(f"    {leaf:<10} {str(tuple(shape)):<11} {count:>{count_width},}")
    print(f"  total: {total:,} parameters in {len(variables)} variables")
