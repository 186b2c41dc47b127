from django.urls import path

from runwell.paincheck import saved_views, views

app_name = "paincheck"
urlpatterns = [
    path("", views.start, name="start"),
    path("how-it-works/", views.how_it_works, name="how_it_works"),
    path("how-it-works/rules/", views.rules, name="rules"),
    path("print/", views.print_summary, name="print"),
    path("save/", saved_views.save, name="save"),
    path("keep/", saved_views.keep, name="keep"),
    path("saved/", saved_views.saved_list, name="saved_list"),
    path("saved/<int:pk>/", saved_views.saved_detail, name="saved_detail"),
    path("saved/<int:pk>/delete/", saved_views.saved_delete, name="saved_delete"),
]
