"""The image endpoint's controllers: HTTP in, domain calls, Glance views out."""
