"""Domain layer of the server sub-resources, a module per URL (metadata, tags, volume attachments...)."""
