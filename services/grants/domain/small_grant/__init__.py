"""Small grants (art. 19a): the offer, the municipality's policy and public comments."""
