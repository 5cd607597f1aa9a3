from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _

from homeward.api import views as api_views
from homeward.api.api import api
from homeward.cases import views as case_views
from homeward.core import views as core_views
from homeward.eligibility import views as eligibility_views
from homeward.exchange import views as exchange_views
from homeward.reports import views as report_views

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
    path(
        "cases/<str:reference>/screening/<int:candidate_id>/",
        case_views.screening_decide,
        name="screening_decide",
    ),
    path("cases/<str:reference>/eligibility/override/", eligibility_views.case_override, name="case_override"),
    path(
        "cases/<str:reference>/eligibility/reimbursement/",
        eligibility_views.case_reimbursement,
        name="case_reimbursement",
    ),
    path("eligibility/rules/", eligibility_views.rules_overview, name="rules_overview"),
    path("eligibility/rules/draft/", eligibility_views.rules_draft, name="rules_draft"),
    path("eligibility/rules/draft/publish/", eligibility_views.rules_draft_publish, name="rules_draft_publish"),
    path("eligibility/rules/draft/discard/", eligibility_views.rules_draft_discard, name="rules_draft_discard"),
    path("eligibility/overrides/", eligibility_views.overrides_report, name="overrides_report"),
    path("reports/year/", report_views.report_latest, name="report_latest"),
    path("reports/year/<int:year>/", report_views.report_year, name="report_year"),
    re_path(
        r"^reports/year/(?P<year>[0-9]{4})\.(?P<format>json|pdf|xlsx)$",
        report_views.report_year_file,
        name="report_year_file",
    ),
    path("exchange/import/", exchange_views.import_upload, name="import_upload"),
    path("account/tokens/", api_views.tokens, name="api_tokens"),
    path("account/tokens/<int:token_id>/revoke/", api_views.token_revoke_view, name="api_token_revoke"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
