"""Conformance cases for the candidate samplers, ``tf.nn.compute_accidental_hits``,
``tf.nn.nce_loss`` and ``tf.nn.sampled_softmax_loss``.

Sampled classes are random (scopeflow draws from NumPy's generator, not TF's), so the cases
record graphs, shapes, seeds, errors and the values that do not depend on the draws: expected
counts of the true classes without ``unique``, every output of ``AllCandidateSampler`` and
``ComputeAccidentalHits``, and the losses and gradients when ``sampled_values`` is given.
"""
