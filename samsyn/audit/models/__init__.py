"""The log's models, one module per area; every model is importable from here for Django."""

from samsyn.audit.models.chain import AuditChainCheckpoint, AuditChainLink
from samsyn.audit.models.events import AuditAction, AuditEvent
from samsyn.audit.models.reviews import LogReview

__all__ = ["AuditAction", "AuditChainCheckpoint", "AuditChainLink", "AuditEvent", "LogReview"]
