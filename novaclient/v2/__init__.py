"""Compute API v2.1 (microversions 2.1 - 2.104) managers and commands."""
