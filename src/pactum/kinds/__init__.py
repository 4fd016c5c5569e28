"""Agreement kinds. Importing this package registers each kind with the registry."""

from pactum.kinds import lease, revolver, standstill  # noqa: F401
