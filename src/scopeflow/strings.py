"""``tf.strings``: operations on string tensors (join, split, substrings, regular expressions,
case, hashing, numbers as text and text as numbers).

Only re-exports; the code lives in ``scopeflow._src.ops.parsing`` (``format`` in
``scopeflow._src.ops.debugging``, beside ``tf.print``). Loaded on first use
(``tf.strings``), with the parsing ops.
"""

__all__ = ["as_string", "format", "join", "length", "lower", "reduce_join", "regex_full_match", "regex_replace",
           "split", "strip", "substr", "to_hash_bucket", "to_hash_bucket_fast", "to_hash_bucket_strong", "to_number",
           "unicode_transcode", "unsorted_segment_join", "upper"]

from scopeflow._src.ops.debugging.api import string_format as format  # noqa: A004 - TensorFlow's name
from scopeflow._src.ops.parsing.api import (
    as_string,
    lower,
    reduce_join,
    regex_full_match,
    regex_replace,
    strip,
    substr,
    unicode_transcode,
    unsorted_segment_join,
    upper,
)
from scopeflow._src.ops.parsing.api import string_join as join
from scopeflow._src.ops.parsing.api import string_length as length
from scopeflow._src.ops.parsing.api import string_to_hash_bucket as to_hash_bucket
from scopeflow._src.ops.parsing.api import string_to_hash_bucket_fast as to_hash_bucket_fast
from scopeflow._src.ops.parsing.api import string_to_hash_bucket_strong as to_hash_bucket_strong
from scopeflow._src.ops.parsing.api import string_to_number as to_number
from scopeflow._src.ops.parsing.api import strings_split as split
