from django.urls import path

from runwell.paincheck import views

app_name = "paincheck"
urlpatterns = [path("", views.start, name="start")]
