from django.urls import path

from runwell.paincheck.views import questionnaire, saved

app_name = "paincheck"
urlpatterns = [
    path("", questionnaire.start, name="start"),
    path("how-it-works/", questionnaire.how_it_works, name="how_it_works"),
    path("how-it-works/rules/", questionnaire.rules, name="rules"),
    path("print/", questionnaire.print_summary, name="print"),
    path("save/", saved.save, name="save"),
    path("keep/", saved.keep, name="keep"),
    path("saved/", saved.saved_list, name="saved_list"),
    path("saved/<int:pk>/", saved.saved_detail, name="saved_detail"),
    path("saved/<int:pk>/delete/", saved.saved_delete, name="saved_delete"),
]
