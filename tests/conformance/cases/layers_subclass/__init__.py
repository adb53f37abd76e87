"""tf.layers.Layer subclassed as TF1 users write it: build/call, add_weight/add_variable, add_loss,
add_update, weights and their collections, sharing by calling one object twice, nesting, errors."""
