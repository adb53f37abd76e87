"""What op definitions share and that defines no op: dtype lists, shape functions, the
elementwise registration helpers, and the BLAS wrapper of the product kernels."""
