"""What the portal keeps for a browser: its session and signed-in user."""
