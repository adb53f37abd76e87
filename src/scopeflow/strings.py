"""``tf.strings``: operations on string tensors (so far ``to_number``).

Only re-exports; the code lives in ``scopeflow._src.ops.parsing``. Loaded on first use
(``tf.strings``), with the parsing ops.
"""

__all__ = ["to_number"]

from scopeflow._src.ops.parsing.api import string_to_number as to_number
