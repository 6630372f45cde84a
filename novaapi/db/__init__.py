"""Database access: engine, sessions and the declarative models."""
