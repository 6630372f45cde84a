"""Guest agent builds: ``/os-agents`` (Nova removed the API; it answers 410)."""

from novaclient import base


class Agent(base.Resource):
    def __repr__(self):
        return '<Agent: %s>' % self.agent


class AgentsManager(base.ManagerWithFind):
    resource_class = Agent

    def list(self, hypervisor=None):
        return self._list('/os-agents', 'agents',
                          filters={'hypervisor': hypervisor} if hypervisor
                          else None)

    def create(self, os, architecture, version, url, md5hash, hypervisor):
        body = {'agent': {'hypervisor': hypervisor, 'os': os,
                          'architecture': architecture, 'version': version,
                          'url': url, 'md5hash': md5hash}}
        return self._create('/os-agents', body, 'agent')

    def update(self, id, version, url, md5hash):
        body = {'para': {'version': version, 'url': url, 'md5hash': md5hash}}
        return self._update('/os-agents/%s' % id, body, 'agent')

    def delete(self, id):
        return self._delete('/os-agents/%s' % id)
