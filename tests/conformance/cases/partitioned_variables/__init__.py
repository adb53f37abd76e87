"""Conformance area ``partitioned_variables``: partitioners, ``get_variable(partitioner=...)``,
``PartitionedVariable`` and the checkpoints a ``Saver`` writes for partitioned variables."""
