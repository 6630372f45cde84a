import os

import pytest

from novaapi import conf

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, os.pardir))


def test_sample_config_is_current():
    with open(os.path.join(ROOT, 'etc', 'novaapi.conf'), encoding='utf-8') as f:
        assert f.read() == conf.sample(), 'regenerate etc/novaapi.conf from novaapi.conf.sample()'


def test_every_option_appears_in_the_sample():
    text = conf.sample()
    for opt in conf.OPTIONS:
        assert '#%s = ' % opt.name in text


def test_read_file_types_and_unknown_keys(tmp_path):
    path = tmp_path / 'n.conf'
    path.write_text('[DEFAULT]\nworkers = 3\ndebug = yes\n[api]\nmax_limit = 50\n'
                    '[keystone_authtoken]\nauth_url = http://k/v3\n')
    cfg = conf.Config()
    conf.read_file(cfg, str(path))
    assert cfg.workers == 3 and cfg.debug is True and cfg.api.max_limit == 50
    assert cfg.passthrough['keystone_authtoken'] == {'auth_url': 'http://k/v3'}
    path.write_text('[api]\nmax_limit = many\n')
    with pytest.raises(ValueError, match='max_limit'):
        conf.read_file(conf.Config(), str(path))
    path.write_text('[api]\nbogus = 1\n')
    with pytest.raises(ValueError, match=r'unknown option \[api\] bogus'):
        conf.read_file(conf.Config(), str(path))


def test_defaults_and_urls():
    cfg = conf.Config()
    assert cfg.endpoint_url('compute') == 'http://127.0.0.1:8774/v2.1'
    assert cfg.endpoint_url('identity') == 'http://127.0.0.1:5000/v3'
    assert cfg.database_url.startswith('sqlite:///') and cfg.worker_count >= 1
    cfg.set('DEFAULT', 'host', '0.0.0.0')
    assert cfg.endpoint_url('image') == 'http://127.0.0.1:9292'
