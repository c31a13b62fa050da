"""The access log in Django admin is read-only: the database refuses changes anyway."""

from django.contrib import admin

from samsyn.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "actor_username", "role", "action", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["actor_username", "participant_ref", "request_id"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
