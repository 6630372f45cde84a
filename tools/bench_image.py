"""Image data benchmark: upload and download a large image through a real nova-api (one worker)
and report the worker's resident memory growth and whether the checksums match.

    .venv/bin/python tools/bench_image.py [--size-mib 1024]

Target: the worker's RSS grows by less than 50 MB for a 1 GiB image (the data is streamed,
never held whole).  The reference printed beside it is the image size: growth / size is the
share of the image the worker would have held at most.
"""

import argparse
import hashlib
import os
import sys
import tempfile
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.functional import server as server_mod  # noqa: E402 - after the path set-up

CHUNK = 1024 * 1024


def rss_kib(pid):
    with open('/proc/%d/status' % pid, encoding='ascii') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    raise RuntimeError('no VmRSS for %d' % pid)


def worker_pid(parent):
    with open('/proc/%d/task/%d/children' % (parent, parent), encoding='ascii') as f:
        (pid,) = [int(p) for p in f.read().split()]
    return pid


def body(size, md5):
    block = os.urandom(CHUNK)
    sent = 0
    while sent < size:
        piece = block[:min(CHUNK, size - sent)]
        md5.update(piece)
        sent += len(piece)
        yield piece


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--size-mib', type=int, default=1024)
    args = parser.parse_args()
    size = args.size_mib * CHUNK
    with tempfile.TemporaryDirectory() as data_dir:
        api = server_mod.ApiServer(data_dir, workers=1)
        try:
            token = api.token(api.demo_openrc)
            headers = {'X-Auth-Token': token}
            url = api.image_url + '/v2/images'
            image = requests.post(url, headers=headers, timeout=60, json={
                'name': 'bench', 'disk_format': 'raw', 'container_format': 'bare'}).json()
            worker = worker_pid(api.process.pid)
            before = rss_kib(worker)
            sent_md5 = hashlib.md5(usedforsecurity=False)
            start = time.monotonic()
            resp = requests.put('%s/%s/file' % (url, image['id']), data=body(size, sent_md5),
                                headers=dict(headers, **{'Content-Type': 'application/octet-stream'}),
                                timeout=3600)
            upload_s = time.monotonic() - start
            assert resp.status_code == 204, resp.text
            after_upload = rss_kib(worker)
            got_md5 = hashlib.md5(usedforsecurity=False)
            start = time.monotonic()
            with requests.get('%s/%s/file' % (url, image['id']), headers=headers, stream=True,
                              timeout=3600) as resp:
                received = 0
                for chunk in resp.iter_content(CHUNK):
                    got_md5.update(chunk)
                    received += len(chunk)
                content_md5 = resp.headers.get('Content-MD5')
            download_s = time.monotonic() - start
            after_download = rss_kib(worker)
            shown = requests.get('%s/%s' % (url, image['id']), headers=headers, timeout=60).json()
        finally:
            api.stop()
    growth_mb = (max(after_upload, after_download) - before) / 1024
    match = sent_md5.hexdigest() == got_md5.hexdigest() == shown['checksum'] == content_md5
    print('image size: %d MiB (%d bytes), received %d bytes' % (args.size_mib, size, received))
    print('upload: %.1f s (%.0f MiB/s); download: %.1f s (%.0f MiB/s)'
          % (upload_s, args.size_mib / upload_s, download_s, args.size_mib / download_s))
    print('worker RSS: %.1f MB before, %.1f MB after upload, %.1f MB after download'
          % (before / 1024, after_upload / 1024, after_download / 1024))
    print('RSS growth: %.1f MB = %.3f of the image (target < 50 MB): %s'
          % (growth_mb, growth_mb / (size / 1e6 / 1.048576), 'PASS' if growth_mb < 50 else 'FAIL'))
    print('checksums (sent, received, image, Content-MD5) match: %s' % match)
    return 0 if match and growth_mb < 50 else 1


if __name__ == '__main__':
    sys.exit(main())
