from django.contrib import admin

from runwell.wordpress.models import ImportedItem, Redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin[Redirect]):
    list_display = ["old_path", "new_path", "created"]
    search_fields = ["old_path", "new_path"]


@admin.register(ImportedItem)
class ImportedItemAdmin(admin.ModelAdmin[ImportedItem]):
    list_display = ["kind", "wp_id", "site", "content_type", "object_id", "imported_at"]
    list_filter = ["kind"]
    readonly_fields = ["key", "kind", "site", "wp_id", "guid", "content_type", "object_id"]
