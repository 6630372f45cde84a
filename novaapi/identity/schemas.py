"""JSON schemas of request bodies, with Keystone's 400 message format."""

import jsonschema

from novaapi.identity import errors

_STRING = {'type': 'string'}
_NAME = {'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': r'\S'}
_PROJECT_NAME = dict(_NAME, maxLength=64)
_ID = {'type': 'string', 'minLength': 1, 'maxLength': 64, 'pattern': r'^[a-zA-Z0-9_-]+$'}
_NULLABLE_ID = {'type': ['string', 'null'], 'maxLength': 64}
_DESCRIPTION = {'type': ['string', 'null']}
_BOOLEAN = {'type': 'boolean'}
# A tag holds no '/' or ',' (the API-WG tag guideline); a project has at most 80.
TAG = {'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': '^[^,/]*$'}
TAGS = {'type': 'array', 'items': TAG, 'maxItems': 80, 'uniqueItems': True}
_ID_OR_NAME = {'type': 'object', 'properties': {'id': _STRING, 'name': _STRING}}
_URL = {'type': 'string', 'minLength': 0, 'maxLength': 2048,
        'pattern': '^[a-zA-Z0-9+.-]+:.+'}

token_issue = {
    'type': 'object',
    'properties': {
        'identity': {
            'type': 'object',
            'properties': {
                'methods': {'type': 'array', 'items': _STRING},
                'password': {
                    'type': 'object',
                    'properties': {'user': {
                        'type': 'object',
                        'properties': {'id': _STRING, 'name': _STRING, 'password': _STRING,
                                       'domain': _ID_OR_NAME}}},
                },
                'token': {'type': 'object', 'properties': {'id': _STRING},
                          'required': ['id']},
                'application_credential': {
                    'type': 'object',
                    'properties': {'id': _STRING, 'name': _STRING, 'secret': _STRING,
                                   'user': {'type': 'object',
                                            'properties': {'id': _STRING, 'name': _STRING,
                                                           'domain': _ID_OR_NAME}}},
                    'required': ['secret']},
            },
            'required': ['methods'],
        },
        'scope': {
            'type': ['object', 'string'],
            'properties': {
                'project': {'type': 'object',
                            'properties': {'id': _STRING, 'name': _STRING,
                                           'domain': _ID_OR_NAME}},
                'domain': _ID_OR_NAME,
                'system': {'type': 'object'},
                'OS-TRUST:trust': {'type': 'object'},
            },
        },
    },
    'required': ['identity'],
}


def _entity(required, **properties):
    return {'type': 'object', 'properties': properties, 'required': list(required)}


domain_create = _entity(['name'], id=_ID, name=_NAME, description=_DESCRIPTION,
                        enabled=_BOOLEAN)
domain_update = _entity([], name=_NAME, description=_DESCRIPTION, enabled=_BOOLEAN)
project_create = _entity(['name'], name=_PROJECT_NAME, domain_id=_ID, parent_id=_NULLABLE_ID,
                         description=_DESCRIPTION, enabled=_BOOLEAN, is_domain=_BOOLEAN,
                         tags=TAGS, options={'type': 'object'})
project_update = _entity([], name=_PROJECT_NAME, domain_id=_ID, description=_DESCRIPTION, enabled=_BOOLEAN,
                         tags=TAGS, options={'type': 'object'})
user_create = _entity(['name'], name=_NAME, domain_id=_ID, password={'type': ['string', 'null']},
                      enabled=_BOOLEAN, default_project_id=_NULLABLE_ID,
                      description=_DESCRIPTION, email={'type': ['string', 'null']},
                      options={'type': 'object'})
user_update = _entity([], name=_NAME, password={'type': ['string', 'null']}, enabled=_BOOLEAN,
                      default_project_id=_NULLABLE_ID, description=_DESCRIPTION,
                      email={'type': ['string', 'null']}, options={'type': 'object'})
password_change = dict(_entity(['password', 'original_password'],
                               password=_STRING, original_password=_STRING),
                       additionalProperties=False)
group_create = _entity(['name'], name=_NAME, domain_id=_ID, description=_DESCRIPTION)
group_update = _entity([], name=_NAME, domain_id=_ID, description=_DESCRIPTION)
role_create = _entity(['name'], name=_NAME, description=_DESCRIPTION,
                      domain_id={'type': 'null'}, options={'type': 'object'})
role_update = _entity([], name=_NAME, description=_DESCRIPTION, options={'type': 'object'})
service_create = _entity(['type'], type=_NAME, name={'type': 'string', 'maxLength': 255},
                         description=_DESCRIPTION, enabled=_BOOLEAN)
service_update = _entity([], type=_NAME, name={'type': 'string', 'maxLength': 255},
                         description=_DESCRIPTION, enabled=_BOOLEAN)
_INTERFACE = {'type': 'string', 'enum': ['admin', 'internal', 'public']}
endpoint_create = _entity(['interface', 'service_id', 'url'], interface=_INTERFACE,
                          service_id=_ID, url=_URL, region_id={'type': ['string', 'null']},
                          region={'type': ['string', 'null']}, enabled=_BOOLEAN)
endpoint_update = _entity([], interface=_INTERFACE, service_id=_ID, url=_URL,
                          region_id={'type': ['string', 'null']},
                          region={'type': ['string', 'null']}, enabled=_BOOLEAN)
region_create = _entity([], id={'type': 'string', 'minLength': 1, 'maxLength': 255},
                        description={'type': ['string', 'null'], 'maxLength': 255},
                        parent_region_id={'type': ['string', 'null']})
region_update = _entity([], description={'type': ['string', 'null'], 'maxLength': 255},
                        parent_region_id={'type': ['string', 'null']})

_ACCESS_RULE = {
    'type': 'object',
    'properties': {
        'id': _ID,
        'service': {'type': 'string', 'minLength': 1, 'maxLength': 64,
                    'pattern': '^[a-zA-Z0-9-]+$'},
        'method': {'type': 'string',
                   'enum': ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT']},
        'path': {'type': 'string', 'minLength': 1, 'maxLength': 225, 'pattern': '^/'},
    },
    'anyOf': [{'required': ['id']}, {'required': ['service', 'method', 'path']}],
    'additionalProperties': False,
}
application_credential_create = dict(_entity(
    ['name'], name=_NAME, description=_DESCRIPTION, secret={'type': ['string', 'null']},
    expires_at={'type': ['string', 'null']}, unrestricted={'type': ['boolean', 'null']},
    roles={'type': ['array', 'null'], 'items': {
        'type': 'object', 'properties': {'id': _STRING, 'name': _STRING},
        'minProperties': 1, 'maxProperties': 1, 'additionalProperties': False}},
    access_rules={'type': ['array', 'null'], 'items': _ACCESS_RULE}),
    additionalProperties=False)

_SECRET_FIELDS = ('password', 'original_password', 'id', 'secret')


def validate(schema, document):
    """Check ``document`` against ``schema``; 400 naming the first failing field.

    The offending value is left out of the message when the field may hold a
    secret (a password or a token id).
    """
    validator = jsonschema.Draft4Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return document
    path = '/'.join(str(p) for p in error.absolute_path)
    message = error.message
    if error.absolute_path and str(error.absolute_path[-1]) in _SECRET_FIELDS:
        message = 'the value is not a valid %s' % error.validator_value \
            if error.validator == 'type' else 'the value is invalid'
    if path:
        message = "Invalid input for field '%s': %s" % (path, message)
    raise errors.ValidationError(message)


def check_id_or_name(auth):
    """Keystone's extra rules on a token request that the JSON schema cannot say."""
    user = auth['identity'].get('password', {}).get('user')
    checks = [('identity/password/user', user),
              ('identity/password/user/domain', (user or {}).get('domain'))]
    scope = auth.get('scope')
    if isinstance(scope, dict):
        project = scope.get('project')
        checks += [('scope/project', project),
                   ('scope/project/domain', (project or {}).get('domain')),
                   ('scope/domain', scope.get('domain'))]
    for field, ref in checks:
        if ref is not None and 'id' not in ref and 'name' not in ref:
            raise errors.ValidationError(
                'Invalid input for field %s: id or name must be present.' % field)


tags_update = {'type': 'object', 'properties': {'tags': {'type': 'array', 'items': TAG}},
               'additionalProperties': False}


def entity_body(call, key, schema):
    """The ``key`` object of the request body, validated; 400 when it is missing."""
    doc = call.body()
    if not isinstance(doc.get(key), dict):
        raise errors.ValidationError.expecting(key, 'request body')
    return validate(schema, doc[key])
