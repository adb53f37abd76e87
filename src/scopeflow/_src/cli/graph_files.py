"""Reading a graph file named on the command line: a ``GraphDef`` (``.pb``, ``.pbtxt``) or a
``MetaGraphDef`` (``.meta``), binary or protobuf text.

A ``.meta`` file is read as a MetaGraphDef, any other as a GraphDef; each is tried as binary
first, then as text, as TensorFlow reads them.
"""

from __future__ import annotations

import dataclasses
import os

from google.protobuf import message, text_format, unknown_fields

from scopeflow._src import protos
from scopeflow._src.cli.paths import UsageError


@dataclasses.dataclass
class GraphFile:
    """A graph read from ``path``: its ``GraphDef``, and the ``MetaGraphDef`` around it if
    the file is one; ``kind`` says which and in what encoding (``"binary GraphDef"``...)."""

    path: str
    kind: str
    graph_def: object
    meta_graph_def: object = None


def _parse(data: bytes, proto):
    """``proto`` filled from ``data`` and the encoding it was in, or None if neither fits."""
    try:
        proto.ParseFromString(data)
        if proto.IsInitialized() and _plausible(proto):
            return "binary"
    except message.DecodeError:
        pass
    proto.Clear()
    try:
        text_format.Parse(data.decode("utf-8"), proto)
        return "text"
    except (UnicodeDecodeError, text_format.ParseError):
        return None


def _plausible(proto) -> bool:
    """Whether a binary parse read known fields: text read as binary can decode by chance into
    unknown fields only."""
    return bool(proto.ListFields()) or not len(unknown_fields.UnknownFieldSet(proto))


def read_graph_file(path: str) -> GraphFile:
    """The graph in ``path``; ``UsageError`` when there is no such file or it holds no graph."""
    if not os.path.isfile(path):
        raise UsageError(f"no such file: {path}" if not os.path.exists(path) else f"{path} is not a file")
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".meta"):
        meta = protos.MetaGraphDef()
        encoding = _parse(data, meta)
        if encoding is not None:
            return GraphFile(path, f"{encoding} MetaGraphDef", meta.graph_def, meta)
        raise UsageError(f"{path} is not a MetaGraphDef (binary or text)")
    graph_def = protos.GraphDef()
    encoding = _parse(data, graph_def)
    if encoding is not None:
        return GraphFile(path, f"{encoding} GraphDef", graph_def)
    raise UsageError(f"{path} is not a GraphDef (binary or text); a MetaGraph file must end in .meta")
