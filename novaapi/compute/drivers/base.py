"""The contract between the state machine and a (simulated) hypervisor."""

import abc

from novaapi.compute import states


class ComputeDriver(abc.ABC):
    """What the engine asks a hypervisor; every answer is plain data.

    Steps are named by the operation (``build``, ``stop``, ``reboot``...) and
    the task state the server is in while the step runs.
    """

    hypervisor_type = 'fake'
    hypervisor_version = 1000

    @abc.abstractmethod
    def step_duration(self, operation, task_state, instance):
        """Seconds the server spends in ``task_state`` during ``operation``."""

    @abc.abstractmethod
    def console_output(self, instance, length=None):
        """The serial console log as text; the last ``length`` lines when given."""

    @abc.abstractmethod
    def diagnostics(self, instance):
        """Nova's server diagnostics dict (2.48 shape)."""

    def suspended_power_state(self):
        """Power state a suspended server reports (Nova drivers answer SUSPENDED or SHUTDOWN)."""
        return states.SUSPENDED_POWER
