"""The optimizers added for issue 22: FTRL (plain, with L2 shrinkage and a learning-rate
power other than -0.5), proximal Adagrad and AdagradDA (with the global step)."""

from tests.conformance.cases.optimizer_matrix._matrix import add_cases

OPTIMIZERS = {
    "ftrl": lambda tf: tf.train.FtrlOptimizer(0.3, l1_regularization_strength=0.01, l2_regularization_strength=0.02),
    "ftrl_shrinkage": lambda tf: tf.train.FtrlOptimizer(0.3, learning_rate_power=-0.3, l1_regularization_strength=0.01,
                                                        l2_shrinkage_regularization_strength=0.1),
    "proximal_adagrad": lambda tf: tf.train.ProximalAdagradOptimizer(0.3, l1_regularization_strength=0.01,
                                                                     l2_regularization_strength=0.02),
    "adagrad_da": lambda tf: tf.train.AdagradDAOptimizer(0.3, tf.train.get_or_create_global_step(),
                                                         l1_regularization_strength=0.01,
                                                         l2_regularization_strength=0.02),
}

add_cases(globals(), OPTIMIZERS, global_step=("adagrad_da",))
