"""``scopeflow graph freeze CKPT --outputs a,b -o model.pb``: a checkpoint's graph with its
variables as constants, ready to serve.

The graph comes from ``CKPT.meta`` (what ``Saver.save`` writes beside a checkpoint), imported
with ``tf.train.import_meta_graph`` and its devices cleared (as TensorFlow's ``freeze_graph``
does by default); the variables are restored from the checkpoint; ``convert_variables_to_constants``
keeps what the outputs need. The GraphDef is written atomically: a reader sees the old file or
the whole new one.
"""

from __future__ import annotations

import difflib
import os

from google.protobuf import text_format

from scopeflow._src.checkpoint.meta_graph_import import import_meta_graph
from scopeflow._src.cli import fmt
from scopeflow._src.cli.paths import UsageError, resolve
from scopeflow._src.client.session import Session
from scopeflow._src.framework.graph import Graph
from scopeflow._src.graph_io.freeze import convert_variables_to_constants
from scopeflow._src.platform.file_io import write_atomically


def output_names(text: str, graph) -> list[str]:
    """The node names in ``--outputs`` (comma-separated), each checked against ``graph``."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise UsageError("--outputs names no node; give the output node names, separated by commas")
    known = [op.name for op in graph.get_operations()]
    for name in names:
        if name in known:
            continue
        base = name.split(":")[0]
        if base in known:
            raise UsageError(f"{name!r} is a tensor; --outputs takes node names: {base}")
        close = difflib.get_close_matches(name, known, n=3)
        hint = "; did you mean " + ", ".join(close) + "?" if close else ""
        raise UsageError(f"no node named {name!r} in the graph{hint}")
    return names


def run(args, out) -> int:
    prefix = resolve(args.ckpt)
    meta = prefix + ".meta"
    if not os.path.isfile(meta):
        raise UsageError(f"{meta} does not exist: freezing needs the MetaGraph beside the checkpoint "
                         f"(Saver.save writes it unless write_meta_graph=False)")
    if os.path.exists(args.output) and not args.force:
        raise UsageError(f"{args.output} exists; pass --force to overwrite it")
    graph = Graph()
    with graph.as_default():
        saver = import_meta_graph(meta, clear_devices=True)
        outputs = output_names(args.outputs, graph)
        with Session(graph=graph) as sess:
            if saver is not None:
                saver.restore(sess, prefix)
            frozen = convert_variables_to_constants(sess, graph.as_graph_def(), outputs)
    data = text_format.MessageToString(frozen).encode() if args.text else frozen.SerializeToString()
    write_atomically(args.output, data)
    variables = {op.name for op in graph.get_operations() if op.type in ("VariableV2", "VarHandleOp")}
    frozen_count = sum(1 for n in frozen.node if n.op == "Const" and n.name in variables)
    print(f"froze {frozen_count} variables of {prefix} into {len(frozen.node)} nodes: {args.output} "
          f"({fmt.size(len(data))})", file=out)
    return 0
