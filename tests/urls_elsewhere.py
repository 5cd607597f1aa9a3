"""Homeward's addresses under another path, as a request's own URL configuration (request.urlconf) may give them:
for tests/test_drawing.py."""

from django.urls import include, path

urlpatterns = [path("elsewhere/", include("homeward.urls"))]
