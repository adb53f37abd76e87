"""The JAX/XLA target: ``tf.Session(target="jax")`` runs each compiled plan as one ``jax.jit``
function (``docs/jax-target.md``). Loaded only by a session that asks for it."""
