"""The optimizers that existed before the matrix: GD, Momentum (and Nesterov), Adagrad, Adam,
RMSProp (plain, with momentum, centered), Adadelta, ProximalGD."""

from tests.conformance.cases.optimizer_matrix._matrix import add_cases

OPTIMIZERS = {
    "gd": lambda tf: tf.train.GradientDescentOptimizer(0.1),
    "momentum": lambda tf: tf.train.MomentumOptimizer(0.1, momentum=0.9),
    "nesterov": lambda tf: tf.train.MomentumOptimizer(0.1, momentum=0.9, use_nesterov=True),
    "adagrad": lambda tf: tf.train.AdagradOptimizer(0.3),
    "adam": lambda tf: tf.train.AdamOptimizer(0.1),
    "rmsprop": lambda tf: tf.train.RMSPropOptimizer(0.05),
    "rmsprop_momentum": lambda tf: tf.train.RMSPropOptimizer(0.05, decay=0.8, momentum=0.5, epsilon=1e-6),
    "rmsprop_centered": lambda tf: tf.train.RMSPropOptimizer(0.05, momentum=0.5, centered=True),
    "adadelta": lambda tf: tf.train.AdadeltaOptimizer(1.0, rho=0.9, epsilon=1e-6),
    "proximal_gd": lambda tf: tf.train.ProximalGradientDescentOptimizer(0.1, l1_regularization_strength=0.05,
                                                                         l2_regularization_strength=0.1),
}

add_cases(globals(), OPTIMIZERS)
