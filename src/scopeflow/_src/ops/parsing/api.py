"""The parsing ops, loaded on first use (``import scopeflow`` does not load them): importing
this module registers ``DecodeRaw``, ``DecodeCSV``, ``StringToNumber``, ``ParseExampleV2``,
``ParseSequenceExampleV2``, TF1's ``ParseExample``/``ParseSingleExample`` and the string ops
(``StringJoin``, ``RegexReplace``, ``Substr``, ``AsString``, ``StringSplit``, ``ReduceJoin``...) with
their wrappers, then their gradient rules (none: they are not differentiable), as ``ops/__init__``
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
from scopeflow._src.ops.parsing.string_basic import (lower, string_join, string_length, string_to_hash_bucket,
                                                     string_to_hash_bucket_fast, string_to_hash_bucket_strong, strip,
                                                     upper)
from scopeflow._src.ops.parsing.regex import regex_full_match, regex_replace
from scopeflow._src.ops.parsing.substr import as_string, substr
from scopeflow._src.ops.parsing.string_split import string_split, strings_split
from scopeflow._src.ops.parsing.reduce_join import reduce_join
from scopeflow._src.ops.parsing.unicode import unicode_transcode
from scopeflow._src.ops.parsing.segment_join import unsorted_segment_join
from scopeflow._src.ops.parsing.base64_ops import decode_base64, encode_base64
from scopeflow._src.ops.parsing import legacy_parse  # noqa: F401 - TF1's ParseExample, ParseSingleExample
from scopeflow._src.ops.parsing.tensor_bytes import decode_compressed, parse_tensor, serialize_tensor
from scopeflow._src.ops.parsing import grads  # noqa: F401 - gradient rules

__all__ = ["as_string", "decode_base64", "decode_csv", "decode_raw", "encode_base64", "FixedLenFeature",
           "FixedLenSequenceFeature", "lower",
           "parse_example", "parse_sequence_example", "parse_single_example", "parse_single_sequence_example",
           "reduce_join", "regex_full_match", "regex_replace", "SparseFeature", "string_join", "string_length",
           "string_split", "string_to_hash_bucket", "string_to_hash_bucket_fast",
           "string_to_hash_bucket_strong", "string_to_number", "strings_split", "strip", "substr", "unicode_transcode",
           "unsorted_segment_join", "upper", "VarLenFeature", "decode_compressed", "parse_tensor", "serialize_tensor"]
