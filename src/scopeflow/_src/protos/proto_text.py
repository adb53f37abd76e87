"""Proto3 declarations (``schema.py``) to a ``FileDescriptorProto``.

The subset the schema uses: messages (nested), enums, ``repeated`` and ``map<K, V>`` fields,
``oneof`` groups and ``//`` comments. Type names resolve as protoc resolves them: innermost
enclosing message first, then outward to the package.
"""

from __future__ import annotations

import re

from google.protobuf import descriptor_pb2

_F = descriptor_pb2.FieldDescriptorProto
_SCALARS = {"double": _F.TYPE_DOUBLE, "float": _F.TYPE_FLOAT, "int64": _F.TYPE_INT64, "uint64": _F.TYPE_UINT64,
            "int32": _F.TYPE_INT32, "uint32": _F.TYPE_UINT32, "bool": _F.TYPE_BOOL, "string": _F.TYPE_STRING,
            "bytes": _F.TYPE_BYTES, "fixed32": _F.TYPE_FIXED32}
_TOKEN = re.compile(r"//[^\n]*|([A-Za-z_][\w.]*|-?\d+|[{}<>=;,])|\s+")


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise SyntaxError(f"unexpected {text[pos:pos + 20]!r} in a proto declaration")
        if m.group(1):
            out.append(m.group(1))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str, package: str):
        self.toks = _tokens(text)
        self.i = 0
        self.package = package
        self.types: dict[str, str] = {}  # full name -> "message" | "enum"
        self.pending: list[tuple] = []  # (field proto, scope, type name) to resolve at the end
        self.uses_any = False

    def take(self, want: str | None = None) -> str:
        tok = self.toks[self.i]
        if want is not None and tok != want:
            raise SyntaxError(f"expected {want!r}, found {tok!r} near {' '.join(self.toks[self.i - 5:self.i + 5])}")
        self.i += 1
        return tok

    def file(self, name: str) -> descriptor_pb2.FileDescriptorProto:
        fdp = descriptor_pb2.FileDescriptorProto(name=name, package=self.package, syntax="proto3")
        scope = [self.package]
        while self.i < len(self.toks):
            kind = self.take()
            if kind == "message":
                self.message(fdp.message_type.add(), scope)
            elif kind == "enum":
                self.enum(fdp.enum_type.add(), scope)
            else:
                raise SyntaxError(f"expected a message or an enum, found {kind!r}")
        for field, field_scope, type_name in self.pending:
            self.resolve(field, field_scope, type_name)
        if self.uses_any:
            fdp.dependency.append("google/protobuf/any.proto")
        return fdp

    def enum(self, enum, scope):
        enum.name = self.take()
        self.types[".".join(scope + [enum.name])] = "enum"
        self.take("{")
        while self.toks[self.i] != "}":
            value = enum.value.add(name=self.take())
            self.take("=")
            value.number = int(self.take())
            self.take(";")
        self.take("}")

    def message(self, msg, scope):
        msg.name = self.take()
        inner = scope + [msg.name]
        self.types[".".join(inner)] = "message"
        self.take("{")
        while self.toks[self.i] != "}":
            tok = self.take()
            if tok == "message":
                self.message(msg.nested_type.add(), inner)
            elif tok == "enum":
                self.enum(msg.enum_type.add(), inner)
            elif tok == "oneof":
                index = len(msg.oneof_decl)
                msg.oneof_decl.add(name=self.take())
                self.take("{")
                while self.toks[self.i] != "}":
                    self.field(msg, inner, self.take(), oneof=index)
                self.take("}")
            elif tok == "map":
                self.map_field(msg, inner)
            else:
                self.field(msg, inner, tok)
        self.take("}")

    def field(self, msg, scope, tok, oneof=None, label=_F.LABEL_OPTIONAL):
        if tok == "repeated":
            label, tok = _F.LABEL_REPEATED, self.take()
        field = msg.field.add(name=self.take(), label=label)
        self.take("=")
        field.number = int(self.take())
        self.take(";")
        if oneof is not None:
            field.oneof_index = oneof
        self.set_type(field, scope, tok)
        return field

    def map_field(self, msg, scope):
        self.take("<")
        key = self.take()
        self.take(",")
        value = self.take()
        self.take(">")
        name = self.take()
        entry = msg.nested_type.add(name="".join(p[:1].upper() + p[1:] for p in name.split("_")) + "Entry")
        entry.options.map_entry = True
        self.set_type(entry.field.add(name="key", number=1, label=_F.LABEL_OPTIONAL), scope, key)
        self.set_type(entry.field.add(name="value", number=2, label=_F.LABEL_OPTIONAL), scope, value)
        self.take("=")
        msg.field.add(name=name, number=int(self.take()), label=_F.LABEL_REPEATED, type=_F.TYPE_MESSAGE,
                      type_name="." + ".".join(scope + [entry.name]))
        self.take(";")

    def set_type(self, field, scope, type_name):
        if type_name in _SCALARS:
            field.type = _SCALARS[type_name]
        else:
            self.pending.append((field, scope, type_name))

    def resolve(self, field, scope, type_name):
        if type_name == "google.protobuf.Any":
            field.type, field.type_name = _F.TYPE_MESSAGE, ".google.protobuf.Any"
            self.uses_any = True
            return
        for depth in range(len(scope), 0, -1):
            full = ".".join(scope[:depth] + [type_name])
            if full in self.types:
                field.type = _F.TYPE_MESSAGE if self.types[full] == "message" else _F.TYPE_ENUM
                field.type_name = "." + full
                return
        raise SyntaxError(f"unknown type {type_name!r} in {'.'.join(scope)}")


def file_descriptor(text: str, package: str, name: str) -> descriptor_pb2.FileDescriptorProto:
    """The ``FileDescriptorProto`` (file ``name``, ``package``) of the declarations in ``text``."""
    return _Parser(text, package).file(name)
