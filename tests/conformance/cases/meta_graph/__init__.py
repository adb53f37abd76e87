"""Conformance cases for meta graphs: ``tf.train.export_meta_graph``'s collections (kinds,
contents, skipped ones and their warnings), ``VariableDef`` and ``SaverDef`` fields, the
``meta_info_def``, ``export_scope``/``clear_devices``/``strip_default_attrs``, and
``tf.train.import_meta_graph``'s results (names under ``import_scope``, restored collections,
the saver it returns, values after a restore, errors)."""
