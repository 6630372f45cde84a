"""Domain layer of the server sub-resources (metadata, tags, interfaces, volumes, consoles...)."""
