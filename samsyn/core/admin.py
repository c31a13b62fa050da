"""Django admin for superusers (operators). Förbund staff use the pages under /forvaltning/."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from samsyn.core.models import (
    ApiToken,
    Forbund,
    Membership,
    Party,
    RoleGrantRequest,
    Team,
    User,
)


@admin.register(Forbund)
class ForbundAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "organisationsnummer",
        "retention_years",
        "referral_retention_months",
    ]
    prepopulated_fields = {"slug": ["name"]}
    # Who approves roles that see personal data or the log (docs/administration.md).
    filter_horizontal = ["role_grant_approvers"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "forbund", "organisationsnummer", "is_active"]
    list_filter = ["forbund", "kind", "is_active"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "forbund", "is_active"]
    list_filter = ["forbund", "kind"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["forbund", "role", "party", "is_active"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_demo_account"]
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), ("Samsyn", {"fields": ["is_demo_account"]}))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "token_hash",
        "created_at",
        "last_used_at",
        "expires_at",
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RoleGrantRequest)
class RoleGrantRequestAdmin(admin.ModelAdmin):
    """Read-only: requests are decided on /forvaltning/behorigheter/, never edited."""

    list_display = ["user", "role", "forbund", "decision", "requested_by", "decided_by"]
    list_filter = ["forbund", "decision", "role"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
