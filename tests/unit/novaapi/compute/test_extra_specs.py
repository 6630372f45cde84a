"""Nova's extra-spec registry: verdicts checked against nova==34.0.0's own validators."""

import pytest

from novaapi.compute import extra_specs
from novaapi import exception

# (name, value, Nova's message or None when Nova accepts), as nova==34.0.0 answers.
CASES = [
    ('hw:bogus', '1', "Validation failed; extra spec 'hw:bogus' does not appear to be a valid extra spec."),
    ('hw:cpu_policy', 'x', "Validation failed; 'x' is not one of: dedicated, shared, mixed."),
    ('hw:cpu_policy', 'dedicated', None),
    ('foo:bar', 'x', None),
    ('bogus', 'x', None),
    ('trait:BOGUS', 'required', "Validation failed; extra spec 'trait:BOGUS' does not appear to be a valid extra spec."),
    ('trait1:HW_CPU_X86_AVX', 'required', None),
    ('trait:CUSTOM_X', 'nope', "Validation failed; 'nope' is not one of: required, forbidden."),
    ('resources:VCPU', 'a', "Validation failed; 'a' is not a valid integer value."),
    ('resources_g:CUSTOM_FOO', '2', None),
    ('hw:redirected_usb_ports', '16', "Validation failed; '16' is greater than the max value of '15'."),
    ('hw:cpu_cores', '0', "Validation failed; '0' is less than the min value of '1'."),
    ('hw:boot_menu', 'maybe', "Validation failed; 'maybe' is not a valid boolean-like value."),
    ('hw:boot_menu', ' YES ', None),
    ('hw:mem_page_size', 'huge',
     "Validation failed; 'huge' is not of the format '(large|small|any|\\d+([kKMGT]i?)?(b|bit|B)?)'."),
    ('hw:mem_page_size', '2MiB', None),
    ('hw:numa_cpus.0', '0-3', None),
    ('hw:numa_cpusX0', 'x',
     "Validation failed; 'x' is not of the format '\\^?\\d+((-\\d+)?(,\\^?\\d+(-\\d+)?)?)*'."),
    ('capabilities:cpu_info:features', 'x', None),
    ('aggregate_instance_extra_specs:x', 'y', None),
    ('group_policy', 'x', "Validation failed; 'x' is not one of: isolate, none."),
    ('quota:disk', '10', "Validation failed; extra spec 'quota:disk' does not appear to be a valid extra spec."),
    ('resourcesé:VCPU', '1', None),
]


@pytest.mark.parametrize('name,value,message', CASES)
def test_verdicts_match_nova(name, value, message):
    if message is None:
        extra_specs.validate(name, value)
        return
    with pytest.raises(exception.ValidationError) as err:
        extra_specs.validate(name, value)
    assert str(err.value) == message
    assert err.value.code == 400
