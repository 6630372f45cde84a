"""Answers requests an armed ``api-fault`` behaviour matches: a delay, an error, or both.

Options (``[filter:...]`` in etc/api-paste.ini):

* ``checker`` - ``module:function`` called as ``checker(method, path, context, memo=...)``
  for every request; it returns ``(status or None, message or None, delay or
  None)`` when a behaviour takes the request, else None.  It must be cheap
  when nothing is armed (the compute one reads the generation counters, a read it
  shares with the token check through ``memo``);
* ``exempt`` - path segments whose requests are never checked (the control
  API itself), default ``_sim``;
* ``error_format`` - the body of the injected error.

A delay is slept first (eventlet's sleep in ``nova-api``, so other requests
go on); without a status the request then proceeds as usual.
"""

import http.client
import time

from novaapi.web import errors
from novaapi.web import middleware
from novaapi.web.middleware import auth


class InjectedFault(errors.HTTPError):
    """The armed status; without a message, a 500 reads as the format's unexpected error
    and any other status as its HTTP reason phrase."""

    def __init__(self, code, message=None):
        self.code = code
        self.key = 'unexpected' if code == 500 else 'injected'
        self.text = http.client.responses.get(code, 'Error')
        super().__init__(message)


class Behaviours(middleware.Middleware):

    def __init__(self, application, **local_conf):
        super().__init__(application, **local_conf)
        self.check = auth.resolve(local_conf['checker'])
        self.exempt = {s for s in local_conf.get('exempt', '_sim').split() if s}

    def process_request(self, req):
        path = req.path_info
        if self.exempt and self.exempt.intersection(path.split('/')[1:3]):
            return None
        found = self.check(req.method, path, req.environ.get(auth.ENV_CONTEXT),
                           memo=middleware.request_memo(req.environ))
        if found is None:
            return None
        status, message, delay = found
        if delay:
            time.sleep(delay)
        if status is None:
            return None
        raise InjectedFault(status, message)
