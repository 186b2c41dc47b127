from django.urls import path

from runwell.comments import feeds, views
from runwell.lib.conditional import conditional

app_name = "comments"
urlpatterns = [
    path("post/", views.post_comment, name="post"),
    path("<int:comment_id>/edit/", views.edit_comment, name="edit"),
    path("<int:comment_id>/delete/", views.delete_comment, name="delete"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feed/", conditional(feeds.site_feed_validators)(feeds.SiteCommentsFeed()), name="feed"),
    path(
        "feed/<slug:slug>/",
        conditional(feeds.article_feed_validators)(feeds.ArticleCommentsFeed()),
        name="article_feed",
    ),
]
