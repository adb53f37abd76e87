"""Ops that order other ops: ``no_op``, ``group``, ``tuple`` (``control_flow_ops.py``)."""
