"""Conformance cases for Session behaviour: fetch structures, feeds, callables, default
sessions, variables per session, and the class, node and wording of runtime errors.

Runtime error messages are compared without TensorFlow's ``File ...`` lines (ops here keep
no creation traceback). Where the text comes from a kernel (reshape, matmul, gather, ...),
only the session's part is compared: class, failing node, and the message frame.
"""
