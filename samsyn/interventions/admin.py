from django.contrib import admin

from samsyn.interventions.models import Intervention


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "forbund", "status", "orientation", "start_date", "end_date"]
    list_filter = ["forbund", "status", "orientation"]
