"""A Neutron v2.0 subset: networks, subnets and ports for server interfaces."""
