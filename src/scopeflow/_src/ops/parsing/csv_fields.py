"""One CSV record split into its fields, by the rules of TensorFlow's ``DecodeCSV`` kernel.

A field is either plain (it may not hold a quote, when quotes delimit fields, nor a CR or LF)
or quoted (between quotes, where a doubled quote stands for one, and the closing quote must be
followed by the delimiter or the end). CRs and LFs where a field would start are skipped; a
record ending in the delimiter has an empty last field; an empty record has no fields. With
``select``, only those columns are kept, and the record is read no further than the last.
"""

from __future__ import annotations

_QUOTE, _CR, _LF = ord('"'), ord("\r"), ord("\n")


class CSVError(ValueError):
    """A record TF's kernel refuses; the message is TF's."""


def split_record(record: bytes, delim: int, use_quote: bool, select=None) -> list:
    """The fields of ``record`` (bytes), or those of the columns in ``select`` (increasing).

    >>> split_record(b'1,"a ""q"", b",', ord(","), True)
    [b'1', b'a "q", b', b'']
    """
    if not record:
        return []
    if not (use_quote and _QUOTE in record) and _CR not in record and _LF not in record:
        fields = record.split(bytes([delim]))
        return fields if select is None else [fields[c] for c in select if c < len(fields)]
    return _split_slowly(record, delim, use_quote, select)


def _split_slowly(record: bytes, delim: int, use_quote: bool, select) -> list:
    fields, i, column, n = [], 0, 0, len(record)
    while i < n:
        if record[i] in (_CR, _LF):
            i += 1
            continue
        include = select is None or select[len(fields)] == column
        if use_quote and record[i] == _QUOTE:
            field, i = _quoted(record, i + 1, delim)
        else:
            field, i = _plain(record, i, delim, use_quote)
        column += 1
        if include:
            fields.append(field)
            if select is not None and len(fields) == len(select):
                return fields
    if (select is None or select[len(fields)] == column) and record[-1] == delim:
        fields.append(b"")
    return fields


def _plain(record: bytes, i: int, delim: int, use_quote: bool):
    end = record.find(bytes([delim]), i)
    end = len(record) if end < 0 else end
    field = record[i:end]
    if (use_quote and _QUOTE in field) or _CR in field or _LF in field:
        raise CSVError("Unquoted fields cannot have quotes/CRLFs inside")
    return field, end + 1


def _quoted(record: bytes, i: int, delim: int):
    out, n = bytearray(), len(record)
    while i < n - 1 and not (record[i] == _QUOTE and record[i + 1] == delim):
        if record[i] != _QUOTE:
            out.append(record[i])
            i += 1
            continue
        if record[i + 1] != _QUOTE:
            raise CSVError("Quote inside a string has to be escaped by another quote")
        out.append(_QUOTE)
        i += 2
    if not (i < n and record[i] == _QUOTE and (i == n - 1 or record[i + 1] == delim)):
        raise CSVError("Quoted field has to end with quote followed by delim or end")
    return bytes(out), i + 2
