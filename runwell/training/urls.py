from django.urls import path

from runwell.training.views import dashboard, imports, log, pain, shoes

app_name = "training"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("log/", log.log, name="log"),
    path("activities/new/", log.activity_new, name="activity_new"),
    path("activities/<int:activity_id>/", log.activity_detail, name="activity"),
    path("activities/<int:activity_id>/edit/", log.activity_edit, name="activity_edit"),
    path("activities/<int:activity_id>/delete/", log.activity_delete, name="activity_delete"),
    path("export/activities.csv", log.export_csv, name="export_csv"),
    path("shoes/", shoes.shoes, name="shoes"),
    path("shoes/<int:shoe_id>/edit/", shoes.shoe_edit, name="shoe_edit"),
    path("shoes/<int:shoe_id>/retire/", shoes.shoe_retire, name="shoe_retire"),
    path("shoes/<int:shoe_id>/delete/", shoes.shoe_delete, name="shoe_delete"),
    path("pain/", pain.pain_diary, name="pain"),
    path("pain/<int:entry_id>/edit/", pain.pain_edit, name="pain_edit"),
    path("pain/<int:entry_id>/delete/", pain.pain_delete, name="pain_delete"),
    path("import/", imports.import_files, name="import"),
    path("import/<int:job_id>/", imports.job, name="job"),
    path("import/<int:job_id>/originals/<int:index>/", imports.job_original, name="job_original"),
    path(
        "import/<int:job_id>/originals/delete/",
        imports.job_delete_originals,
        name="job_delete_originals",
    ),
]
