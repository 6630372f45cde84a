"""Print Nova's registry of known flavor extra specs as the data table of
``novaapi/compute/extra_spec_registry.py`` (names and value rules: facts only).

Runs with the interpreter of the venv made by ``tools/real-venv.sh nova`` (never the
project's); it imports the installed Nova and reports what it registers:

    $(tools/real-venv.sh nova)/bin/python tools/nova_extra_specs.py > /tmp/table.txt

Each line is ``name rule``: the name keeps Nova's ``{param}`` placeholders, the rule is
``str``, ``bool``, ``int[:min[:max]]``, ``enum:a,b`` or ``re:PATTERN``.  Standard traits
(``trait{group}:<TRAIT>``, all ``enum:required,forbidden``) are printed as a bare list.
"""

import logging
import sys
import warnings


def _rule(value):
    kind = value['type'].__name__
    if kind == 'int':
        bounds = [value.get('min'), value.get('max')]
        while bounds and bounds[-1] is None:
            bounds.pop()
        return ':'.join(['int'] + ['' if b is None else str(b) for b in bounds])
    if kind == 'str' and 'enum' in value:
        return 'enum:' + ','.join(str(v) for v in value['enum'])
    if kind == 'str' and value.get('pattern'):
        return 're:' + value['pattern']
    return kind


def main():
    logging.disable(logging.CRITICAL)
    warnings.simplefilter('ignore')
    from nova.api.validation.extra_specs import validators
    params = {}
    specs, traits = [], []
    for name, validator in validators.VALIDATORS.items():
        for param in validator.parameters:
            params.setdefault(param['name'], param['pattern'])
        rule = _rule(validator.value)
        if (name.startswith('trait{group}:') and rule == 'enum:required,forbidden'
                and '{' not in name[len('trait{group}:'):]):
            traits.append(name[len('trait{group}:'):])
        else:
            specs.append('%s %s' % (name, rule))
    out = sys.stdout
    out.write('PARAMETERS\n')
    for name, pattern in sorted(params.items()):
        out.write('%s %s\n' % (name, pattern))
    out.write('SPECS\n' + '\n'.join(specs) + '\n')
    out.write('TRAITS\n' + '\n'.join(sorted(traits)) + '\n')


if __name__ == '__main__':
    main()
