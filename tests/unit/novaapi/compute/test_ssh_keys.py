"""Generated keys are real keys that ssh-keygen reads."""

import base64
import hashlib
import subprocess


from novaapi.compute import ssh_keys
from tests.conftest import unavailable


def test_generated_key_is_a_real_rsa_key(tmp_path):
    private, public, fingerprint = ssh_keys.generate_rsa()
    blob = base64.b64decode(public.split()[1])
    digest = hashlib.md5(blob).hexdigest()
    assert fingerprint == ':'.join(digest[i:i + 2] for i in range(0, 32, 2))
    assert public.startswith('ssh-rsa ') and public.endswith(' Generated-by-Nova')
    path = tmp_path / 'key'
    path.write_text(private)
    path.chmod(0o600)
    try:
        derived = subprocess.run(['ssh-keygen', '-y', '-f', str(path)], capture_output=True,
                                 text=True, check=True).stdout
    except FileNotFoundError:
        unavailable('ssh-keygen is not installed')
    assert derived.split()[:2] == public.split()[:2]
