"""Conformance cases for Tensor/Operation properties, operator overloads and core op construction."""
