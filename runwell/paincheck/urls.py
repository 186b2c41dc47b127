from django.urls import path

from runwell.paincheck import views

app_name = "paincheck"
urlpatterns = [
    path("", views.start, name="start"),
    path("how-it-works/", views.how_it_works, name="how_it_works"),
    path("print/", views.print_summary, name="print"),
    path("save/", views.save, name="save"),
    path("saved/", views.saved_list, name="saved_list"),
    path("saved/<int:pk>/", views.saved_detail, name="saved_detail"),
    path("saved/<int:pk>/delete/", views.saved_delete, name="saved_delete"),
]
