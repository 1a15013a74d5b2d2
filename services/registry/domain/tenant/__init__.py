"""The tenant aggregate: municipalities, counties and support centres, with TERYT codes."""
