"""The Competition aggregate and its terms."""
