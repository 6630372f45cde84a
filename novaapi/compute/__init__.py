"""Compute domain: servers, keypairs, quotas and server groups below the API layer."""
