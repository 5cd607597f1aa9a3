from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from homeward.cases import views as case_views
from homeward.core import views as core_views

admin.site.site_header = _("Homeward administration")
admin.site.site_title = _("Homeward")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("cases/", case_views.case_list, name="case_list"),
    path("cases/new/", case_views.case_register, name="case_register"),
    path("cases/<str:reference>/", case_views.case_detail, name="case_detail"),
    path("cases/<str:reference>/edit/", case_views.case_edit, name="case_edit"),
    path("cases/<str:reference>/transition/", case_views.case_transition, name="case_transition"),
    path("admin/", admin.site.urls),
]
