"""``graph_def``: the build benchmark's graph (a 200-layer model, a tower reusing it, and the
gradients) written as a ``GraphDef`` (``Graph.as_graph_def``: the graph's first, then again,
as every ``Saver.save`` writing a ``.meta`` does) and imported into a fresh graph
(``tf.import_graph_def``)."""

from cases.build import _build
from cases.timing import once

NAME = "graph_def"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"as_graph_def_first_ms": "ms", "as_graph_def_ms": "ms", "import_graph_def_ms": "ms", "nodes": "nodes"}
TARGETS = {"as_graph_def_first_ms": 5, "as_graph_def_ms": 5, "import_graph_def_ms": 5}


def _import(tf, graph_def):
    with tf.Graph().as_default():
        tf.import_graph_def(graph_def, name="")


def measure(tf, impl, quick):
    warm, _ = _build(tf, 10)
    _import(tf, warm.as_graph_def())  # warm-up: the proto classes, first-call costs of the library
    graph, _ = _build(tf, 20 if quick else 200)
    first = once(graph.as_graph_def)  # the graph's first GraphDef: scopeflow then keeps its nodes serialized
    graph_def = graph.as_graph_def()
    rounds = 1 if quick else 5
    write = min(once(graph.as_graph_def) for _ in range(rounds))
    read = min(once(lambda: _import(tf, graph_def)) for _ in range(rounds))
    return {"as_graph_def_first_ms": first * 1e3, "as_graph_def_ms": write * 1e3, "import_graph_def_ms": read * 1e3,
            "nodes": len(graph_def.node)}
