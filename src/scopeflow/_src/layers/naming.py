"""Default layer names, as tf-keras makes them: ``Dense`` -> ``dense``, ``dense_1`` ...."""

from __future__ import annotations

import re

from scopeflow._src.framework import context


def to_snake_case(name: str) -> str:
    """``Conv2DTranspose`` -> ``conv2d_transpose`` (tf-keras's rule for default layer names)."""
    intermediate = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    insecure = re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()
    if insecure[0] != "_":
        return insecure
    return "private" + insecure


def unique_layer_name(base_name: str) -> str:
    """``dense_1``, ``dense_2``, ... per default graph (tf.layers counts from 1, not 0)."""
    graph = context.default_graph()
    with graph._lock:  # counted per graph, as tf-keras's backend.PER_GRAPH_OBJECT_NAME_UIDS
        uids = graph._layer_name_uids
        uids[base_name] = uids.get(base_name, 0) + 1
        return f"{base_name}_{uids[base_name]}"
