"""A Nova-compatible compute API service with embedded identity, image and network endpoints."""
