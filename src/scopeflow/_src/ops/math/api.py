"""The math ops that load on first use (``tf.math.erf``, ``tf.math.segment_max``, ``tf.sort`` ...):
their definitions and wrappers (``special.py``, ``functions.py``), then their gradient rules.
``scopeflow.math`` and ``scopeflow`` bind these names when a program first reads one."""

from scopeflow._src.ops.array_ops import invert_permutation, unsorted_segment_sum  # noqa: F401 - tf.math's too
from scopeflow._src.ops.math import segments_grads, sorting_grads, special_grads  # noqa: F401 - gradient rules
from scopeflow._src.ops.math.functions import (  # noqa: F401 - re-exported
    angle,
    cumulative_logsumexp,
    is_non_decreasing,
    is_strictly_increasing,
    lbeta,
    log_sigmoid,
    polyval,
    reciprocal_no_nan,
    reduce_std,
    reduce_variance,
)
from scopeflow._src.ops.math.segments import (  # noqa: F401 - re-exported
    segment_max,
    segment_mean,
    segment_min,
    segment_prod,
    unsorted_segment_max,
    unsorted_segment_mean,
    unsorted_segment_min,
    unsorted_segment_prod,
    unsorted_segment_sqrt_n,
)
from scopeflow._src.ops.math.sequences import ensure_shape, identity_n, linspace, repeat  # noqa: F401 - re-exported
from scopeflow._src.ops.math.sorting import (  # noqa: F401 - re-exported
    argsort,
    bincount,
    histogram_fixed_width,
    histogram_fixed_width_bins,
    left_shift,
    right_shift,
    roll,
    searchsorted,
    sort,
    unique_with_counts,
    unravel_index,
)
from scopeflow._src.ops.math.special import (  # noqa: F401 - re-exported
    acos,
    acosh,
    asin,
    asinh,
    atan,
    atan2,
    atanh,
    bessel_i0,
    bessel_i0e,
    bessel_i1,
    bessel_i1e,
    betainc,
    cosh,
    digamma,
    erf,
    erfc,
    erfinv,
    expm1,
    igamma,
    igammac,
    lgamma,
    multiply_no_nan,
    ndtri,
    nextafter,
    polygamma,
    rint,
    sinh,
    tan,
    xdivy,
    xlog1py,
    xlogy,
    zeta,
)
from scopeflow._src.ops.nn.statistics import zero_fraction  # noqa: F401 - tf.math's too
from scopeflow._src.ops.sparse.segments import segment_sum  # noqa: F401 - tf.math's too

lin_space = linspace  # TF1's other name
