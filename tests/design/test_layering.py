"""The package's layers import only downward (docs/architecture.md), checked on the source."""

import ast
import pathlib

import pytest

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "scopeflow"
PACKAGE = "scopeflow._src"


def _modules():
    for path in sorted((SRC / "_src").rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


MODULES = dict(_modules())


def _imports(path, top_level_only=True):
    """The ``scopeflow._src`` modules ``path`` imports (``from a.b import c`` counts ``a.b.c``
    when that is a module)."""
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PACKAGE):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith(PACKAGE))
    return found


def _is_gradient_module(name):
    leaf = name.rsplit(".", 1)[-1]
    return name.startswith(f"{PACKAGE}.ops.") and (leaf == "grads" or leaf.endswith("_grads"))


def test_no_import_inside_a_function_without_a_comment_saying_why():
    bare = []
    for name, path in MODULES.items():
        lines = path.read_text().splitlines()
        for fn in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        line, above = lines[node.lineno - 1], lines[node.lineno - 2]
                        if "#" not in line and not above.strip().startswith("#"):
                            bare.append(f"{name}:{node.lineno}")
    assert bare == []


@pytest.mark.parametrize("layer, allowed", [
    ("protos", ("protos",)),
    ("framework", ("framework", "protos")),
    ("ops.common", ("framework", "ops.common")),
])
def test_lower_layers_import_nothing_above_them(layer, allowed):
    prefixes = tuple(f"{PACKAGE}.{a}" for a in allowed)
    wrong = {name: sorted(m for m in _imports(path, top_level_only=False) if not m.startswith(prefixes))
             for name, path in MODULES.items() if name.startswith(f"{PACKAGE}.{layer}")}
    assert {k: v for k, v in wrong.items() if v} == {}


# The modules that register gradient rules: the op library, and the control flow, summary, parsing and sparse ops
# it loads on first use.
REGISTRARS = (f"{PACKAGE}.ops", f"{PACKAGE}.ops.control.api", f"{PACKAGE}.ops.summary.api",
              f"{PACKAGE}.ops.parsing.api", f"{PACKAGE}.ops.sparse.api", f"{PACKAGE}.ops.lookup.api",
              f"{PACKAGE}.ops.debugging.api", f"{PACKAGE}.ops.script.api", f"{PACKAGE}.ops.sampling.api",
              f"{PACKAGE}.ops.image.api", f"{PACKAGE}.ops.sets.api", f"{PACKAGE}.ops.nn.volumetric",
              f"{PACKAGE}.ops.math.api",
              f"{PACKAGE}.ops.nn")  # the nn package, loaded on first use, registers its rules in __init__


REGISTRARS += (f"{PACKAGE}.ops.linalg",)  # the linear-algebra package registers its rules in __init__
REGISTRARS += (f"{PACKAGE}.ops.array.layout",)  # space/depth, patches: loaded on first use, with their rules
REGISTRARS += (f"{PACKAGE}.ops.state.scatter_api",)  # the scatter ops: loaded on first use, with their rules
REGISTRARS += (f"{PACKAGE}.ops.signal",)  # the Fourier transforms: their package registers its rules


def test_op_definitions_and_wrappers_import_no_gradient_rule_and_nothing_above_the_op_library():
    above = tuple(f"{PACKAGE}.{p}" for p in ("client", "gradients", "layers", "metrics", "training", "variables",
                                              "cli", "ops.unbroadcast"))
    wrong = {}
    for name, path in MODULES.items():
        if name.startswith(f"{PACKAGE}.ops") and not _is_gradient_module(name) and name not in REGISTRARS:
            bad = sorted(m for m in _imports(path) if m.startswith(above) or _is_gradient_module(m))
            if bad:
                wrong[name] = bad
    assert wrong == {}


def test_gradient_rules_are_registered_by_the_op_library_only():
    importers = {name: sorted(m for m in _imports(path) if _is_gradient_module(m)) for name, path in MODULES.items()}
    assert {k: v for k, v in importers.items() if v and k not in REGISTRARS} == {}
    registered = {m for r in REGISTRARS for m in importers[r]}
    assert registered == {name for name in MODULES if _is_gradient_module(name)}


def test_the_op_library_has_no_import_cycles():
    ops = {name: {m for m in _imports(path) if m in MODULES and m.startswith(f"{PACKAGE}.ops.")}
           for name, path in MODULES.items() if name.startswith(f"{PACKAGE}.ops.")}
    state, cycle = {}, []

    def visit(name, stack):
        state[name] = "open"
        for dep in sorted(ops.get(name, ())):
            if state.get(dep) == "open":
                cycle.append(stack[stack.index(dep):] + [dep] if dep in stack else [name, dep])
            elif dep not in state:
                visit(dep, stack + [dep])
        state[name] = "done"

    for name in sorted(ops):
        if name not in state:
            visit(name, [name])
    assert cycle == []


# Each package of scopeflow._src and the packages it may import (docs/architecture.md).
PACKAGE_LAYERS = {
    "platform": set(),
    "protos": set(),
    "framework": {"protos"},
    "ops": {"framework", "protos"},
    "gradients": {"framework", "ops"},
    "variables": {"protos", "framework", "ops"},
    "client": {"framework", "ops", "logging_module"},
    "layers": {"framework", "ops", "variables"},
    "metrics": {"framework", "ops", "variables", "logging_module"},  # tf.metrics.auc warns
    "rnn": {"framework", "ops", "variables", "layers"},
    # training: the queue-based input functions build queues; QueueRunner.to_proto writes a QueueRunnerDef
    # (and match_filenames_once's MatchingFiles op is tf.data's)
    "training": {"framework", "ops", "variables", "gradients", "logging_module", "queues", "protos", "data"},
    "lib_io": {"platform", "framework"},
    "queues": {"platform", "lib_io", "protos", "framework", "ops"},  # queues and readers (files, TFRecords)
    # data: dataset ops read files through lib_io and run traced functions as client plans; cache(filename)
    # writes and reads the checkpoint package's tensor bundles
    "data": {"platform", "protos", "lib_io", "framework", "ops", "client", "checkpoint"},
    "graph_io": {"platform", "protos", "framework", "ops", "client", "variables", "logging_module", "lib_io",
                 "queues"},  # an imported graph's queue and reader ops are registered on first use
    # summary: FileWriter(logdir, graph) also writes the graph's meta graph, which the checkpoint code exports
    "summary": {"platform", "lib_io", "protos", "framework", "ops", "client", "graph_io", "checkpoint",
                "logging_module"},
    # checkpoint: a meta graph's queue_runners collection holds QueueRunnerDefs (training's QueueRunner, on first use)
    "checkpoint": {"platform", "protos", "framework", "ops", "variables", "graph_io", "client", "logging_module",
                   "lib_io", "training"},
    # audit: the sharing report reads any graph (an imported .meta's too); its lints live in client (lints.py)
    "audit": {"framework", "ops"},
    "cli": {"platform", "protos", "framework", "ops", "client", "graph_io", "checkpoint", "summary", "audit"},
    # monitored: MonitoredSession and its hooks save checkpoints and write event files, Supervisor too
    "monitored": {"platform", "protos", "framework", "ops", "variables", "client", "graph_io", "lib_io", "checkpoint",
                  "summary", "training", "logging_module"},
    "logging_module": set(),
    # hessians: tf.hessians builds tf.gradients inside a while_loop
    "hessians": {"framework", "ops", "gradients"},
    "behaviour": {"framework", "logging_module"},  # tf.enable_* refusals, tf.VERSION, tf.get_logger
    # testing: tf.test.TestCase runs sessions; the gradient checker builds tf.gradients
    "testing": {"framework", "ops", "client", "gradients", "logging_module"},
    # saved_model: a SavedModel is a meta graph and a checkpoint (the Saver), its main op initializes tables
    "saved_model": {"protos", "framework", "ops", "variables", "checkpoint", "lib_io", "logging_module"},
    "distributions": {"framework", "ops"},  # tf.distributions: graphs of ops, as TF builds them
    "custom_gradient": {"framework", "ops", "variables"},  # an IdentityN with its own gradient rule
    "custom_activations": {"framework", "ops", "custom_gradient"},  # tf.nn.swish: TF builds it with custom_gradient
    # xla: the JAX target's plans prune and order as client plans do, and run host steps as NumPy plans
    "xla": {"framework", "ops", "client", "logging_module"},
}


def test_packages_import_only_the_layers_below_them():
    wrong = {}
    for name, path in MODULES.items():
        if name == PACKAGE:
            continue
        package = name.split(".")[2]
        imported = {m.split(".")[2] for m in _imports(path, top_level_only=False) if m.count(".") >= 2}
        extra = imported - PACKAGE_LAYERS[package] - {package}
        if extra:
            wrong[name] = sorted(extra)
    assert wrong == {}
