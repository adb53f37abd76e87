"""The ``checkpoint`` state file: which checkpoints a directory holds, newest last.

A text-format ``CheckpointState`` proto, read and written without protobuf::

    model_checkpoint_path: "model.ckpt-30"
    all_model_checkpoint_paths: "model.ckpt-20"
    all_model_checkpoint_paths: "model.ckpt-30"

Writes go to a temporary file that is renamed over the old one, as TensorFlow does, so a
reader sees either the old state or the new one. Paths may be remote (``gs://``...): every file
operation goes through ``tf.gfile``'s file systems.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import re

from scopeflow._src.checkpoint import commit
from scopeflow._src.framework import errors
from scopeflow._src.lib_io import file_io


@dataclasses.dataclass
class CheckpointState:
    """The ``CheckpointState`` proto (fields as in TensorFlow; ``str()`` is its text format)."""

    model_checkpoint_path: str = ""
    all_model_checkpoint_paths: list = dataclasses.field(default_factory=list)
    all_model_checkpoint_timestamps: list = dataclasses.field(default_factory=list)
    last_preserved_timestamp: float = 0.0

    def __str__(self) -> str:
        lines = []
        if self.model_checkpoint_path:
            lines.append(f"model_checkpoint_path: {_quote(self.model_checkpoint_path)}")
        lines += [f"all_model_checkpoint_paths: {_quote(p)}" for p in self.all_model_checkpoint_paths]
        lines += [f"all_model_checkpoint_timestamps: {_number(t)}" for t in self.all_model_checkpoint_timestamps]
        if self.last_preserved_timestamp:
            lines.append(f"last_preserved_timestamp: {_number(self.last_preserved_timestamp)}")
        return "".join(line + "\n" for line in lines)

    @classmethod
    def parse(cls, text: str) -> "CheckpointState":
        """Parse the text format; ``ValueError`` on anything else."""
        state = cls()
        for name, value in _tokens(text):
            if name == "model_checkpoint_path":
                state.model_checkpoint_path = _string(value)
            elif name == "all_model_checkpoint_paths":
                state.all_model_checkpoint_paths.append(_string(value))
            elif name == "all_model_checkpoint_timestamps":
                state.all_model_checkpoint_timestamps.append(float(value))
            elif name == "last_preserved_timestamp":
                state.last_preserved_timestamp = float(value)
            else:
                raise ValueError(f'Message type "tensorflow.CheckpointState" has no field named "{name}".')
        return state


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "'": "\\'", "\\": "\\\\"}
_UNESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "'": "'", "\\": "\\", "a": "\a", "b": "\b", "f": "\f",
              "v": "\v", "?": "?"}


def _quote(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):03o}")
        else:
            out.append(ch)  # TensorFlow writes UTF-8 as is
    return '"' + "".join(out) + '"'


def _number(x: float) -> str:
    return repr(float(x))


# Possessive, unrolled loops (``[^"\\]*+(?:\\.[^"\\]*+)*+``): memory stays flat however long a string
# is (an alternation inside ``*`` keeps a backtracking point per character: a 10 MB path ran out of memory).
_DOUBLE = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_SINGLE = r"'[^'\\\n]*+(?:\\.[^'\\\n]*+)*+'"
_TOKEN = re.compile(rf"""([A-Za-z_][A-Za-z0-9_]*+)\s*:\s*               # field name
                        ((?:{_DOUBLE}\s*|{_SINGLE}\s*)++              # quoted strings
                         |[-+0-9.eEinfINFa]++)                        # or a number""", re.VERBOSE)
_SKIP = re.compile(r"(?:[\s;,]++|\#[^\n]*+)*+")  # blanks, separators and comments


def _tokens(text: str):
    pos = _SKIP.match(text).end()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ValueError(f"{pos}: could not parse the checkpoint state near {text[pos:pos + 30]!r}")
        yield m.group(1), m.group(2).strip()
        pos = _SKIP.match(text, m.end()).end()


def _string(value: str) -> str:
    parts = re.findall(r'"([^"\\]*+(?:\\.[^"\\]*+)*+)"|\'([^\'\\]*+(?:\\.[^\'\\]*+)*+)\'', value)
    if not parts:
        raise ValueError(f"expected a string, got {value}")
    raw = bytearray()
    for double, single in parts:
        raw += _unescape(double or single)
    return raw.decode("utf-8", "surrogateescape")


_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|[xX]([0-9a-fA-F]{1,2})|(.)|$)", re.DOTALL)


def _unescape(s: str) -> bytes:
    """The bytes of a quoted string's body: C escapes decoded, the rest as UTF-8 (in one pass
    of ``re``, however long the string)."""
    out = bytearray()
    pos = 0
    for m in _ESCAPE.finditer(s):
        out += s[pos:m.start()].encode("utf-8", "surrogateescape")
        octal, hexa, other = m.groups()
        if octal:
            out.append(int(octal, 8) & 0xFF)
        elif hexa:
            out.append(int(hexa, 16))
        elif other in _UNESCAPES:
            out += _UNESCAPES[other].encode()
        elif other in ("x", "X"):
            raise ValueError("bad \\x escape in a string")
        else:
            raise ValueError(f"invalid escape sequence \\{other or ''}")
        pos = m.end()
    out += s[pos:].encode("utf-8", "surrogateescape")
    return bytes(out)


# -- public functions (tf.train.*) ---------------------------------------------------------------
def _state_filename(save_dir: str, latest_filename: str | None) -> str:
    return file_io.join(save_dir, latest_filename or "checkpoint")


def generate_checkpoint_state_proto(save_dir, model_checkpoint_path, all_model_checkpoint_paths=None,
                                    all_model_checkpoint_timestamps=None, last_preserved_timestamp=None):
    """A ``CheckpointState`` with ``model_checkpoint_path`` last in the list (TF's rules for
    relative paths: kept relative to ``save_dir`` when ``save_dir`` is relative)."""
    paths = list(all_model_checkpoint_paths or [])
    if not paths or paths[-1] != model_checkpoint_path:
        from scopeflow._src import logging_module  # loaded on first use: Python's logging costs import time
        logging_module.info("%s is not in all_model_checkpoint_paths. Manually adding it.", model_checkpoint_path)
        paths.append(model_checkpoint_path)
    if all_model_checkpoint_timestamps and len(all_model_checkpoint_timestamps) != len(paths):
        raise ValueError(f"Checkpoint timestamps, if provided, must match checkpoint paths (got paths {paths} and "
                         f"timestamps {all_model_checkpoint_timestamps})")
    if not os.path.isabs(save_dir):
        if not os.path.isabs(model_checkpoint_path):
            model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
        paths = [p if os.path.isabs(p) else os.path.relpath(p, save_dir) for p in paths]
    return CheckpointState(model_checkpoint_path, paths, list(all_model_checkpoint_timestamps or []),
                           last_preserved_timestamp or 0.0)


def update_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths=None, latest_filename=None,
                            all_model_checkpoint_timestamps=None, last_preserved_timestamp=None,
                            save_relative_paths=False) -> None:
    """Atomically rewrite ``save_dir/checkpoint`` (``save_relative_paths`` is TF's internal
    ``update_checkpoint_state_internal`` option, used by ``Saver``)."""
    save_dir = os.fspath(save_dir)
    paths = list(all_model_checkpoint_paths or [])
    if save_relative_paths:
        rel = lambda p: os.path.relpath(p, save_dir) if os.path.isabs(p) else p  # noqa: E731
        model_checkpoint_path, paths = rel(model_checkpoint_path), [rel(p) for p in paths]
    state = generate_checkpoint_state_proto(save_dir, model_checkpoint_path, paths, all_model_checkpoint_timestamps,
                                            last_preserved_timestamp)
    filename = _state_filename(save_dir, latest_filename)
    if filename == state.model_checkpoint_path:
        raise RuntimeError(f"Save path '{model_checkpoint_path}' conflicts with path used for checkpoint state.  "
                           f"Please use a different save path.")
    file_io.write_atomically(filename, str(state).encode("utf-8", "surrogateescape"))


def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    """The directory's ``CheckpointState`` with paths made absolute, or ``None`` if there is
    no readable state file (TensorFlow logs a warning in that case too)."""
    checkpoint_dir = os.fspath(checkpoint_dir)
    filename = _state_filename(checkpoint_dir, latest_filename)
    if not file_io.exists(filename) or file_io.isdir(filename):
        return None
    try:
        f, size = file_io.open_regular(filename, "a checkpoint state file")  # not a FIFO or /dev/zero
        with f:
            text = f.read(size).decode("utf-8", "surrogateescape")
        state = CheckpointState.parse(text)
    except (OSError, errors.OpError, ValueError, IndexError) as e:
        from scopeflow._src import logging_module  # loaded on first use: Python's logging costs import time
        logging_module.warning("%s: %s", type(e).__name__ if isinstance(e, errors.OpError) else "ParseError", e)
        logging_module.warning("%s: Checkpoint ignored", filename)
        return None
    if not state.model_checkpoint_path:
        raise ValueError("Invalid checkpoint state loaded from " + checkpoint_dir)
    join = lambda p: p if os.path.isabs(p) or file_io.is_remote(p) else file_io.join(checkpoint_dir, p)  # noqa: E731
    state.model_checkpoint_path = join(state.model_checkpoint_path)
    state.all_model_checkpoint_paths = [join(p) for p in state.all_model_checkpoint_paths]
    return state


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The prefix of the newest checkpoint in ``checkpoint_dir``, or ``None``.

    As in TensorFlow, the ``checkpoint`` file names it and ``<prefix>.index`` must exist.
    """
    state = get_checkpoint_state(checkpoint_dir, latest_filename)
    if state is None or not state.model_checkpoint_path:
        return None
    if checkpoint_exists(state.model_checkpoint_path):
        return state.model_checkpoint_path
    from scopeflow._src import logging_module  # loaded on first use: Python's logging costs import time
    logging_module.error("Couldn't match files for checkpoint %s", state.model_checkpoint_path)
    return None


def checkpoint_exists(checkpoint_prefix) -> bool:
    """Whether a checkpoint with this prefix exists (``<prefix>.index``, or a V1 file). A save
    to it that was interrupted after its commit point is completed first (see ``commit``)."""
    if not isinstance(checkpoint_prefix, (str, bytes, os.PathLike)):  # TF adds ".index" to it first
        raise TypeError(f"unsupported operand type(s) for +: '{type(checkpoint_prefix).__name__}' and 'str'")
    prefix = file_io.as_path(checkpoint_prefix)
    commit.recover_if_possible(prefix)
    return bool(_matching(prefix + ".index")) or bool(_matching(prefix))


def get_checkpoint_mtimes(checkpoint_prefixes) -> list:
    """Modification times (seconds) of the checkpoints that exist, in order."""
    mtimes = []
    for prefix in checkpoint_prefixes:
        for pattern in (prefix + ".index", prefix):
            found = _matching(pattern)
            if found:
                mtimes.append(file_io.stat(found[0]).mtime_nsec / 1e9)
                break
    return mtimes


def meta_graph_filename(checkpoint_filename: str, meta_graph_suffix: str = "meta") -> str:
    return re.sub(r"-[\d\?]+-of-\d+$", "", checkpoint_filename) + "." + meta_graph_suffix


def remove_checkpoint(checkpoint_prefix, checkpoint_format_version=2, meta_graph_suffix="meta") -> None:
    """Delete a checkpoint's files (index, data shards and ``.meta``)."""
    paths = [meta_graph_filename(checkpoint_prefix, meta_graph_suffix)]
    if checkpoint_format_version == 2:
        paths.append(checkpoint_prefix + ".index")
        paths += _matching(glob.escape(checkpoint_prefix) + ".data-?????-of-?????")
        paths += _matching(glob.escape(checkpoint_prefix) + ".*" + commit.PENDING)  # an interrupted save's
    else:
        paths.append(checkpoint_prefix)
    for path in paths:
        try:
            file_io.remove(path)
        except errors.NotFoundError:
            pass


def _matching(pattern: str) -> list:
    """The files matching ``pattern`` (``*``, ``?``, ``[...]`` as in Python's ``glob``), local or remote."""
    return file_io.glob(pattern) if file_io.is_remote(pattern) else glob.glob(pattern)
