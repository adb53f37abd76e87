"""The ``SavedModel`` message (``saved_model.proto``): field 1 ``saved_model_schema_version``
(int64), field 2 ``meta_graphs`` (repeated ``MetaGraphDef``), read and written here on the wire
(binary) and in protobuf's text form, around the ``MetaGraphDef`` class of ``protos``.

Fields this reader does not know (a TF2 model's ``object_graph_def`` inside a meta graph is kept
by the ``MetaGraphDef`` parser itself) are skipped at the top level, as protobuf does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from google.protobuf import text_format
from google.protobuf.message import DecodeError

from scopeflow._src import protos
from scopeflow._src.saved_model import constants


@dataclass
class SavedModel:
    """A SavedModel: its schema version and meta graphs (``MetaGraphDef`` messages)."""

    saved_model_schema_version: int = constants.SAVED_MODEL_SCHEMA_VERSION
    meta_graphs: list = field(default_factory=list)


def _varint(value: int) -> bytes:
    out = bytearray()
    value &= (1 << 64) - 1
    while True:
        bits, value = value & 0x7F, value >> 7
        out.append(bits | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise DecodeError("Truncated message.")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def serialize(model: SavedModel) -> bytes:
    """The binary form (deterministic, as TF's builder writes it)."""
    out = bytearray()
    if model.saved_model_schema_version:
        out += b"\x08" + _varint(model.saved_model_schema_version)
    for meta_graph in model.meta_graphs:
        body = meta_graph.SerializeToString(deterministic=True)
        out += b"\x12" + _varint(len(body)) + body
    return bytes(out)


def parse(data: bytes) -> SavedModel:
    """A SavedModel from its binary form; ``DecodeError`` when it is not one."""
    model, pos = SavedModel(saved_model_schema_version=0), 0
    while pos < len(data):
        key, pos = _read_varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _read_varint(data, pos)
            if number == 1:
                model.saved_model_schema_version = value
        elif wire == 2:
            size, pos = _read_varint(data, pos)
            if pos + size > len(data):
                raise DecodeError("Truncated message.")
            if number == 2:
                meta_graph = protos.MetaGraphDef()
                meta_graph.ParseFromString(data[pos:pos + size])
                model.meta_graphs.append(meta_graph)
            pos += size
        elif wire in (1, 5):
            pos += 8 if wire == 1 else 4
        else:
            raise DecodeError("Error parsing message")
    return model


def to_text(model: SavedModel) -> str:
    """The text form TF's ``str(saved_model)`` writes to ``saved_model.pbtxt``."""
    lines = [f"saved_model_schema_version: {model.saved_model_schema_version}"] \
        if model.saved_model_schema_version else []
    for meta_graph in model.meta_graphs:
        body = text_format.MessageToString(meta_graph, indent=2)
        lines += ["meta_graphs {", body.rstrip("\n"), "}"]
    return "\n".join(lines) + "\n"


def _blocks(text: str):
    """The top-level ``name: value`` and ``name { ... }`` items of a text message."""
    pos, n = 0, len(text)
    while True:
        while pos < n and (text[pos].isspace() or text[pos] == "#"):
            if text[pos] == "#":  # a comment runs to the end of its line
                end = text.find("\n", pos)
                pos = n if end < 0 else end
            pos += 1
        if pos >= n:
            return
        start = pos
        while pos < n and (text[pos].isalnum() or text[pos] == "_"):
            pos += 1
        name = text[start:pos]
        while pos < n and text[pos] in " \t:":
            pos += 1
        if pos < n and text[pos] in "{<":
            close, depth, body_start, quote = {"{": "}", "<": ">"}[text[pos]], 0, pos + 1, None
            while pos < n:
                ch = text[pos]
                if quote:
                    if ch == "\\":
                        pos += 1
                    elif ch == quote:
                        quote = None
                elif ch in "\"'":
                    quote = ch
                elif ch in "{<":
                    depth += 1
                elif ch in "}>":
                    depth -= 1
                    if depth == 0:
                        break
                pos += 1
            if pos >= n or text[pos] != close:
                raise text_format.ParseError(f"Expected \"{close}\".")
            yield name, text[body_start:pos]
            pos += 1
        else:
            start = pos
            while pos < n and not text[pos].isspace():
                pos += 1
            yield name, text[start:pos]


def parse_text(text: str) -> SavedModel:
    """A SavedModel from its text form; ``text_format.ParseError`` when it is not one."""
    model = SavedModel(saved_model_schema_version=0)
    for name, value in _blocks(text):
        if name == "saved_model_schema_version":
            model.saved_model_schema_version = int(value)
        elif name == "meta_graphs":
            model.meta_graphs.append(text_format.Parse(value, protos.MetaGraphDef()))
        else:
            raise text_format.ParseError(f'Message type "tensorflow.SavedModel" has no field named "{name}".')
    return model
