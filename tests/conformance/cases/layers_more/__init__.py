"""The rest of tf.layers: conv1d/conv3d, separable convolutions, conv3d_transpose, 1-D and 3-D
pooling, the class forms, and ``training`` given as a tensor (v1 ``cond``s keep static shapes)."""
