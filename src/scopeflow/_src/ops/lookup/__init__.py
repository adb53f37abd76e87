"""Lookup tables (``tf.lookup``): the hash-table op types, kept per session, and the table
classes that build them. Loaded on first use (``tf.lookup``, ``tf.tables_initializer``).

``hash_table.py`` is the session's table (a dict with TF's initialisation rules);
``table_ops.py`` declares ``HashTableV2``, ``LookupTableImportV2``, ``InitializeTableV2``,
``InitializeTableFromTextFileV2``, ``LookupTableFindV2`` and ``LookupTableSizeV2``;
``text_file.py`` reads a vocabulary file as ``InitializeTableFromTextFileV2`` does;
``tables.py`` holds the public classes and ``tables_initializer``.
"""
