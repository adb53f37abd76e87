"""Conformance cases for the parsing ops: ``decode_raw``, ``decode_csv``, ``strings.to_number``."""
