"""Conformance cases for kernel (run-time) error messages.

Every case builds ops on placeholders of unknown static shape, so the failure happens when the
session runs the kernel, not when the graph is built. Compared: the error class, the failing
node, and the kernel's own message (the lines between TensorFlow's ``Node: '...'`` line and
the ``[[{{node ...}}]]`` trailer; the frame around it is the executor's and is checked in
``session_runtime``).
"""
