"""Keypairs 'test' (ssh) and 'cert' (x509)."""

from . import HEADERS
from . import not_found
from . import url

PUB = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC demo@host'


def keypair(name, key_type='ssh'):
    return {'name': name, 'type': key_type, 'public_key': PUB,
            'fingerprint': 'aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99'}


def register(m):
    not_found(m, r'/os-keypairs/[^/]+', 'Keypair not found for user u-1')
    m.get(url('/os-keypairs'), headers=HEADERS, json={'keypairs': [
        {'keypair': keypair('test')}, {'keypair': keypair('cert', 'x509')}]})
    detail = dict(keypair('test'), user_id='u-1', deleted=False, id=1,
                  created_at='2026-11-22T00:00:00.000000', updated_at=None,
                  deleted_at=None)
    m.get(url('/os-keypairs/test'), json={'keypair': detail}, headers=HEADERS)
    m.delete(url('/os-keypairs/test'), status_code=204, headers=HEADERS)
    m.post(url('/os-keypairs'), status_code=201, headers=HEADERS, json={
        'keypair': dict(keypair('new'), user_id='u-1',
                        private_key='-----BEGIN PRIVATE KEY-----\nabc')})
