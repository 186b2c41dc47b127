from django.urls import path

# Registers the "uslug" converter: article slugs may hold non-Latin letters (επίπεδο-2).
from runwell.articles import urls as _article_urls  # noqa: F401
from runwell.comments import feeds, views

app_name = "comments"
urlpatterns = [
    path("post/", views.post_comment, name="post"),
    path("<int:comment_id>/edit/", views.edit_comment, name="edit"),
    path("<int:comment_id>/delete/", views.delete_comment, name="delete"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("confirm/<str:token>/", views.confirm_address, name="confirm"),
    path("feed/", feeds.SiteCommentsFeed(), name="feed"),
    path("feed/<uslug:slug>/", feeds.ArticleCommentsFeed(), name="article_feed"),
]
