"""``tf.distributions`` (TF1's, deprecated in TF for TensorFlow Probability): ``Normal``,
``Bernoulli``, ``Categorical``, ``Uniform``, ``Laplace``, the ``Distribution`` base class,
``ReparameterizationType`` and ``kl_divergence``/``RegisterKL``; op names, scopes and values
as TF's.

Only re-exports; the code lives in ``scopeflow._src.distributions``. Loaded on first use.
``Beta``, ``Dirichlet``, ``DirichletMultinomial``, ``Exponential``, ``Gamma``,
``Multinomial`` and ``StudentT`` are not there yet (most sample through ``random_gamma``, which
scopeflow lacks).

>>> import scopeflow as tf
>>> tf.distributions.Normal(0.0, 1.0).reparameterization_type
<Reparameterization Type: FULLY_REPARAMETERIZED>
"""

__all__ = ["Bernoulli", "Categorical", "Distribution", "FULLY_REPARAMETERIZED", "kl_divergence", "Laplace", "Normal",
           "NOT_REPARAMETERIZED", "RegisterKL", "ReparameterizationType", "Uniform"]

from scopeflow._src.distributions.bernoulli import Bernoulli
from scopeflow._src.distributions.categorical import Categorical
from scopeflow._src.distributions.distribution import (
    FULLY_REPARAMETERIZED,
    NOT_REPARAMETERIZED,
    Distribution,
    ReparameterizationType,
)
from scopeflow._src.distributions.kullback_leibler import RegisterKL, kl_divergence
from scopeflow._src.distributions.laplace import Laplace
from scopeflow._src.distributions.normal import Normal
from scopeflow._src.distributions.uniform import Uniform

for _cls in (Bernoulli, Categorical, Distribution, Laplace, Normal, RegisterKL, ReparameterizationType, Uniform):
    _cls.__module__ = "scopeflow.distributions"
del _cls
