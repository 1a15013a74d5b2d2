"""The web portal: server-rendered pages over the four services' HTTP APIs."""
