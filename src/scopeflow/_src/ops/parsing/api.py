"""The parsing ops, loaded on first use (``import scopeflow`` does not load them): importing
this module registers ``DecodeRaw``, ``DecodeCSV``, ``StringToNumber``, ``ParseExampleV2``,
``ParseSequenceExampleV2`` and TF1's ``ParseExample``/``ParseSingleExample`` with their
wrappers, then their gradient rules (none: they are not differentiable), as ``ops/__init__``
does for the rest of the op library.
"""

# The order below is the registration order (ruff's import sorting is off for this file).
from scopeflow._src.ops.parsing.decode_csv import decode_csv
from scopeflow._src.ops.parsing.decode_raw import decode_raw
from scopeflow._src.ops.parsing.string_to_number import string_to_number
from scopeflow._src.ops.parsing.features import FixedLenFeature, FixedLenSequenceFeature, VarLenFeature
from scopeflow._src.ops.parsing.sparse_features import SparseFeature
from scopeflow._src.ops.parsing.parse_example import parse_example, parse_single_example
from scopeflow._src.ops.parsing.parse_sequence_example import parse_sequence_example, parse_single_sequence_example
from scopeflow._src.ops.parsing import legacy_parse  # noqa: F401 - TF1's ParseExample, ParseSingleExample
from scopeflow._src.ops.parsing import grads  # noqa: F401 - gradient rules

__all__ = ["decode_csv", "decode_raw", "FixedLenFeature", "FixedLenSequenceFeature", "parse_example",
           "parse_sequence_example", "parse_single_example", "parse_single_sequence_example", "SparseFeature",
           "string_to_number", "VarLenFeature"]
