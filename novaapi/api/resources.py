"""Imports every optional resource module so each can ``routes.register_routes`` itself.

Resource modules that are not in ``routes.ROUTE_LIST`` directly (servers,
images, ...) are listed here; importing this module registers them.
"""
from novaapi.api import keypairs, limits, quotas, server_groups  # noqa: F401,E401 - key pairs, limits, quotas, server groups
from novaapi.api import servers, availability_zones  # noqa: F401,E401 - servers and their actions, availability zones
from novaapi.api import server_metadata, server_ips, server_tags, instance_actions  # noqa: F401,E401 - server sub-resources
from novaapi.api import interfaces, volume_attachments  # noqa: F401,E401 - server interfaces and volumes
from novaapi.api import server_password, server_diagnostics, remote_consoles, server_security_groups  # noqa: F401,E401 - more sub-resources
from novaapi.api import server_migrations, migrations, server_topology  # noqa: F401,E401 - migrations, NUMA topology
from novaapi.api import services, hypervisors  # noqa: F401,E401 - operator APIs: services, hypervisors
from novaapi.api import aggregates, simple_tenant_usage, instance_usage_audit_log, server_external_events, hosts, extension_info  # noqa: F401,E401 - more operator APIs
