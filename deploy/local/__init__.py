"""Local stack: embedded Kafka-compatible and MongoDB-wire servers, keys, tokens, launcher."""
