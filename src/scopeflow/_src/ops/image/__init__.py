"""The image ops (``tf.image``), loaded on first use: ``api.py`` registers them.

``checks.py`` holds the shape checks every function shares, ``flips.py`` the flips,
transposes and rotations, ``crops.py`` cropping and padding, ``color.py`` the dtype
conversion and the brightness, contrast and standardization adjustments, ``resize_kernels.py``
the NumPy sampling of ``ResizeBilinear`` and its kin and ``resize.py`` their ops and wrappers.
"""
