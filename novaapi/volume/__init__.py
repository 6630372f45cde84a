"""The block-storage endpoint: a Cinder v3 subset (volumes, types, snapshots, attachments)."""
