"""A compact client for the OpenStack Compute (Nova) API: library and ``nova`` CLI."""

__version__ = '0.1.0'
