"""Password hashing: salted scrypt, self-describing, constant-time verification."""

import pytest

from novaapi import conf
from novaapi.identity import passwords


@pytest.fixture(autouse=True)
def fast_hashes():
    conf.CONF.set('identity', 'password_hash_rounds', 16)
    yield
    conf.CONF.reset()


def test_hash_is_not_plaintext_and_verifies():
    stored = passwords.hash_password('s3cret')
    assert 's3cret' not in stored
    assert stored.startswith('scrypt$16$8$1$')
    assert passwords.verify_password('s3cret', stored)
    assert not passwords.verify_password('S3cret', stored)


def test_salt_differs_per_hash():
    assert passwords.hash_password('same') != passwords.hash_password('same')


def test_stored_parameters_win_over_configuration():
    stored = passwords.hash_password('pw', rounds=32)
    conf.CONF.set('identity', 'password_hash_rounds', 1024)
    assert passwords.verify_password('pw', stored)


@pytest.mark.parametrize('stored', [None, '', 'plain', 'bcrypt$1$2$3$4$5', 'scrypt$x$8$1$aa$bb'])
def test_malformed_hash_never_matches(stored):
    assert not passwords.verify_password('pw', stored)


def test_non_string_password_never_matches():
    assert not passwords.verify_password(None, passwords.hash_password('pw'))


@pytest.mark.parametrize('rounds', [3, 1, 100])
def test_rounds_must_be_power_of_two(rounds):
    with pytest.raises(ValueError):
        passwords.hash_password('pw', rounds=rounds)


def test_over_long_password_refused():
    with pytest.raises(ValueError):
        passwords.hash_password('x' * (passwords.MAX_LENGTH + 1))
    assert not passwords.verify_password('x' * (passwords.MAX_LENGTH + 1), 'scrypt$16$8$1$a$b')


def test_burn_time_runs():
    passwords.burn_time('whatever')
    passwords.burn_time(None)
