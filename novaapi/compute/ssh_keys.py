"""Key material for key pairs, with the standard library only.

* ``generate_rsa()`` makes an RSA key pair: a PKCS#1 PEM private key and an
  OpenSSH public key line, as Nova returns for a generated key pair.
* ``ssh_fingerprint()`` checks an OpenSSH public key line and returns the
  colon-separated MD5 of its key blob.
* ``x509_fingerprint()`` checks a PEM certificate and returns the
  colon-separated SHA-1 of its DER form.
* ``generate_x509()`` asks the ``openssl`` program for a self-signed client
  certificate, as Nova does.
"""

import base64
import binascii
import hashlib
import math
import os
import secrets
import shutil
import struct
import subprocess
import tempfile

from novaapi import exception

PUBLIC_EXPONENT = 65537

_SMALL_PRIMES = [p for p in range(3, 2000, 2) if all(p % d for d in range(3, int(p ** 0.5) + 1, 2))]


def _is_probable_prime(n, rounds=40):
    if n < 2:
        return False
    for p in _SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        x = pow(secrets.randbelow(n - 3) + 2, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits):
    while True:
        # Top two bits set so that p * q has exactly 2 * bits bits.
        candidate = secrets.randbits(bits) | (3 << (bits - 2)) | 1
        if math.gcd(candidate - 1, PUBLIC_EXPONENT) == 1 and _is_probable_prime(candidate):
            return candidate


def _der_length(n):
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([0x80 | len(raw)]) + raw


def _der_integer(value):
    raw = value.to_bytes(value.bit_length() // 8 + 1, 'big')
    return b'\x02' + _der_length(len(raw)) + raw


def _der_sequence(*items):
    body = b''.join(items)
    return b'\x30' + _der_length(len(body)) + body


def _pem(label, der):
    text = base64.b64encode(der).decode('ascii')
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return '-----BEGIN %s-----\n%s\n-----END %s-----\n' % (label, '\n'.join(lines), label)


def _ssh_string(data):
    return struct.pack('>I', len(data)) + data


def _ssh_mpint(value):
    return _ssh_string(value.to_bytes(value.bit_length() // 8 + 1, 'big') if value else b'')


def generate_rsa(bits=2048):
    """``(private_key_pem, public_key_line, fingerprint)`` of a new RSA key."""
    while True:
        p, q = _prime(bits // 2), _prime(bits // 2)
        if p != q:
            break
    n, phi = p * q, (p - 1) * (q - 1)
    d = pow(PUBLIC_EXPONENT, -1, phi)
    der = _der_sequence(*(_der_integer(v) for v in (
        0, n, PUBLIC_EXPONENT, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p))))
    blob = _ssh_string(b'ssh-rsa') + _ssh_mpint(PUBLIC_EXPONENT) + _ssh_mpint(n)
    public = 'ssh-rsa %s Generated-by-Nova' % base64.b64encode(blob).decode('ascii')
    return _pem('RSA PRIVATE KEY', der), public, _colon_hex(hashlib.md5(blob).hexdigest())


def _colon_hex(hexdigest):
    return ':'.join(hexdigest[i:i + 2] for i in range(0, len(hexdigest), 2))


class _Reader:
    """Reads the length-prefixed fields of an SSH key blob."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def string(self):
        if self.pos + 4 > len(self.data):
            raise ValueError('truncated key blob')
        (size,) = struct.unpack('>I', self.data[self.pos:self.pos + 4])
        start, self.pos = self.pos + 4, self.pos + 4 + size
        if self.pos > len(self.data):
            raise ValueError('truncated key blob')
        return self.data[start:self.pos]

    def done(self):
        return self.pos == len(self.data)


_ECDSA_POINT_SIZES = {b'nistp256': 65, b'nistp384': 97, b'nistp521': 133}


def _check_blob(key_type, blob):
    reader = _Reader(blob)
    if reader.string() != key_type:
        raise ValueError('key type does not match its blob')
    if key_type == b'ssh-rsa':
        fields = [reader.string() for _ in range(2)]
    elif key_type == b'ssh-dss':
        fields = [reader.string() for _ in range(4)]
    elif key_type in (b'ssh-ed25519', b'sk-ssh-ed25519@openssh.com'):
        fields = [reader.string()]
        if len(fields[0]) != 32:
            raise ValueError('bad ed25519 key')
    elif key_type.startswith((b'ecdsa-sha2-', b'sk-ecdsa-sha2-')):
        curve, point = reader.string(), reader.string()
        fields = [curve, point]
        if key_type.split(b'-')[-1].split(b'@')[0] != curve or \
                len(point) != _ECDSA_POINT_SIZES.get(curve) or point[:1] != b'\x04':
            raise ValueError('bad ecdsa key')
    else:
        raise ValueError('unsupported key type')
    if key_type.startswith(b'sk-'):
        fields.append(reader.string())
    if not reader.done() or not all(fields):
        raise ValueError('malformed key blob')


def ssh_fingerprint(public_key):
    """Validate an OpenSSH public key line; MD5 fingerprint ``aa:bb:...`` of its blob."""
    try:
        parts = public_key.split()
        blob = base64.b64decode(parts[1].encode('ascii'), validate=True)
        _check_blob(parts[0].encode('ascii'), blob)
    except (IndexError, ValueError, UnicodeError, binascii.Error):
        raise exception.InvalidKeypair(reason='failed to generate fingerprint') from None
    return _colon_hex(hashlib.md5(blob).hexdigest())


def _der_element(data, pos):
    """``(tag, start_of_content, end)`` of the DER element at ``pos``."""
    if pos + 2 > len(data):
        raise ValueError('truncated')
    tag, first = data[pos], data[pos + 1]
    pos += 2
    if first & 0x80:
        count = first & 0x7F
        if not count or count > 4 or pos + count > len(data):
            raise ValueError('bad length')
        size, pos = int.from_bytes(data[pos:pos + count], 'big'), pos + count
    else:
        size = first
    if pos + size > len(data):
        raise ValueError('truncated')
    return tag, pos, pos + size


def _check_certificate(der):
    """An X.509 certificate is SEQUENCE { SEQUENCE tbs, SEQUENCE algorithm, BIT STRING }."""
    tag, pos, end = _der_element(der, 0)
    if tag != 0x30 or end != len(der):
        raise ValueError('not a certificate')
    tags = []
    while pos < end:
        tag, _start, pos = _der_element(der, pos)
        tags.append(tag)
    if tags != [0x30, 0x30, 0x03]:
        raise ValueError('not a certificate')


def x509_fingerprint(pem):
    """Validate a PEM certificate; SHA-1 fingerprint ``aa:bb:...`` of its DER form."""
    begin, end = '-----BEGIN CERTIFICATE-----', '-----END CERTIFICATE-----'
    try:
        body = pem[pem.index(begin) + len(begin):pem.index(end)]
        der = base64.b64decode(''.join(body.split()).encode('ascii'), validate=True)
        _check_certificate(der)
    except (ValueError, UnicodeError, binascii.Error):
        raise exception.InvalidKeypair(
            reason='failed to generate X509 fingerprint. Error message: Unable to load PEM file. '
                   'See https://cryptography.io/en/latest/faq/#why-can-t-i-import-my-pem-file '
                   'for more details. MalformedFraming') from None
    return _colon_hex(hashlib.sha1(der).hexdigest())


_OPENSSL_CONFIG = ('distinguished_name = req_distinguished_name\n'
                   '[req_distinguished_name]\n'
                   '[v3_req_client]\n'
                   'extendedKeyUsage = clientAuth\n'
                   'subjectAltName = otherName:1.3.6.1.4.1.311.20.2.3;UTF8:%s@localhost\n')


def generate_x509(user_id, bits=2048):
    """``(base64 PKCS#12 private key, PEM certificate, fingerprint)`` for WinRM, via ``openssl``."""
    openssl = shutil.which('openssl')
    if openssl is None:
        raise exception.InvalidKeypair(reason='x509 key generation needs the openssl program')
    with tempfile.TemporaryDirectory() as tmp:
        keyfile, conffile = os.path.join(tmp, 'temp.key'), os.path.join(tmp, 'temp.conf')
        with open(conffile, 'w', encoding='utf-8') as f:
            f.write(_OPENSSL_CONFIG % user_id)
        cert = subprocess.run(
            [openssl, 'req', '-x509', '-nodes', '-days', '3650', '-config', conffile,
             '-newkey', 'rsa:%d' % bits, '-outform', 'PEM', '-keyout', keyfile,
             '-subj', '/CN=%s' % user_id, '-extensions', 'v3_req_client'],
            check=True, capture_output=True).stdout
        pkcs12 = subprocess.run([openssl, 'pkcs12', '-export', '-inkey', keyfile, '-password', 'pass:'],
                                input=cert, check=True, capture_output=True).stdout
    certificate = cert.decode('ascii')
    return base64.b64encode(pkcs12).decode('ascii'), certificate, x509_fingerprint(certificate)
