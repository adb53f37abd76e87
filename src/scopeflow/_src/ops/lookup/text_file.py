"""Reading a vocabulary file as ``InitializeTableFromTextFileV2`` does: one entry per line,
the key and the value each a column (split at ``delimiter``), the whole line
(``WHOLE_LINE``, -2) or the line number (``LINE_NUMBER``, -1), parsed to the table's types."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors

WHOLE_LINE = -2
LINE_NUMBER = -1


def _lines(op, filename: str) -> list:
    try:
        with open(filename, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise errors.NotFoundError(None, op, f"{filename}; No such file or directory") from None
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [ln[:-1] if ln.endswith(b"\r") else ln for ln in lines]


def _field(op, line: bytes, number: int, index: int, dtype, offset: int, columns, filename):
    if index == LINE_NUMBER:
        return number + offset
    if index == WHOLE_LINE:
        text = line
    else:
        if index >= len(columns):
            raise errors.InvalidArgumentError(
                None, op, f"Invalid number of columns in {filename} line {number} ({line.decode('utf-8', 'replace')})"
                          f" : expected at least {index + 1} got {len(columns)}")
        text = columns[index]
    if dtype.kind == "O":
        return text
    try:
        return int(text) if dtype.kind in "iu" else float(text)
    except ValueError:
        kind = np.dtype(dtype).name
        raise errors.InvalidArgumentError(
            None, op, f"Field {text.decode('utf-8', 'replace')} in line {number} is not a valid {kind}.") from None


def read_entries(op, filename: str, key_index: int, value_index: int, vocab_size: int, delimiter: str,
                 offset: int, key_dtype, value_dtype):
    """The keys and the values of the file's entries (the first ``vocab_size`` lines, or all
    of them for -1)."""
    lines = _lines(op, filename)
    if vocab_size != -1:
        if len(lines) < vocab_size:
            raise errors.InvalidArgumentError(
                None, op, f"Invalid vocab_size in {filename}: expected {vocab_size} but got {len(lines)}")
        lines = lines[:vocab_size]
    sep = delimiter.encode("utf-8")
    keys, values = [], []
    for number, line in enumerate(lines):
        columns = line.split(sep) if sep else line.split()
        keys.append(_field(op, line, number, key_index, key_dtype, 0, columns, filename))
        values.append(_field(op, line, number, value_index, value_dtype, offset, columns, filename))
    return keys, values
