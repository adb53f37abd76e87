"""Conformance cases for parsing ``tf.train.Example`` and ``SequenceExample`` records:
``parse_example``, ``parse_single_example``, ``parse_single_sequence_example``,
``parse_sequence_example`` and the feature configurations."""
