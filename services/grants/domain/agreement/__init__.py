"""The Agreement aggregate and its reporting obligations."""
