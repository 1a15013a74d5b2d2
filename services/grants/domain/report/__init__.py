"""The Report aggregate: partial and final reports on an agreement."""
