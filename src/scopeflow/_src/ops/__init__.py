"""Op definitions; importing this package registers every op and the tensor operators."""

from scopeflow._src.ops import (  # noqa: F401
    array_ops, control_flow_ops, linalg_ops, math_ops, operators, random_ops, reduction_ops, state_ops)  # noqa: F401
# nn, losses and random ops (registered here so that `import scopeflow` knows every op type)
from scopeflow._src.ops import (  # noqa: F401,E402
    batch_norm_ops, conv_ops, depthwise_ops, losses_impl, nn_impl, nn_ops, pooling_ops, topk_ops, xent_ops)
