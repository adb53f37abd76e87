"""Sampled training of large output layers, loaded on first use (``api.py``).

``candidate_sampling.py`` declares the candidate sampler ops (``LogUniformCandidateSampler``
and kin) and ``ComputeAccidentalHits`` with their wrappers; ``sampled_losses.py`` builds
``tf.nn.nce_loss`` and ``tf.nn.sampled_softmax_loss`` as TensorFlow does (embedding lookups of
the true and sampled classes' weights, logits corrected by the expected counts).
"""
