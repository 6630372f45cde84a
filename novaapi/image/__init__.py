"""A Glance v2 subset: what ``nova boot`` and image snapshots need."""
