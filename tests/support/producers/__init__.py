"""Valid events of each producing service, one module per producer."""
