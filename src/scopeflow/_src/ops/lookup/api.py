"""The lookup tables, loaded on first use (``import scopeflow`` does not load them): importing
this module registers the hash-table op types and their gradient rules (none: not
differentiable), and gathers the public classes."""

from scopeflow._src.ops.lookup import grads  # noqa: F401 - gradient rules
from scopeflow._src.ops.lookup.static_tables import (
    StaticHashTable,
    StaticVocabularyTable,
    initialize_all_tables,
    tables_initializer,
)
from scopeflow._src.ops.lookup.tables import KeyValueTensorInitializer, TextFileIndex
from scopeflow._src.ops.lookup.text_file_init import TextFileInitializer

__all__ = ["initialize_all_tables", "KeyValueTensorInitializer", "StaticHashTable", "StaticVocabularyTable",
           "tables_initializer", "TextFileIndex", "TextFileInitializer"]
