"""The committee: members, declarations, scores and the ranking."""
