"""Hypervisor drivers, loaded by name from the ``novaapi.compute.drivers`` entry point group."""

import functools

from stevedore import driver as stevedore_driver

from novaapi import conf

NAMESPACE = 'novaapi.compute.drivers'


@functools.lru_cache(maxsize=None)
def _load(name):
    return stevedore_driver.DriverManager(NAMESPACE, name, invoke_on_load=True).driver


def get():
    """The driver named by ``[compute] driver``, one instance per process."""
    return _load(conf.CONF.compute.driver)
