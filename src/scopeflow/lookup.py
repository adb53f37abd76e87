"""``tf.lookup``: lookup tables (``StaticHashTable``, ``StaticVocabularyTable``) and their
initializers (``KeyValueTensorInitializer``, ``TextFileInitializer``, ``TextFileIndex``).

Only re-exports; the code lives in ``scopeflow._src.ops.lookup``. Loaded on first use
(``tf.lookup``).
"""

__all__ = ["KeyValueTensorInitializer", "StaticHashTable", "StaticVocabularyTable", "TextFileIndex",
           "TextFileInitializer"]

from scopeflow._src.ops.lookup.api import (
    KeyValueTensorInitializer,
    StaticHashTable,
    StaticVocabularyTable,
    TextFileIndex,
    TextFileInitializer,
)
