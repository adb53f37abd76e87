"""Conformance cases for the lookup tables: ``tf.lookup.StaticHashTable``,
``StaticVocabularyTable``, ``KeyValueTensorInitializer``, ``TextFileInitializer``,
``tf.tables_initializer``."""
