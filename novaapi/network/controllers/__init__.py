"""The network endpoint's controllers: HTTP in, domain calls, Neutron views out."""
