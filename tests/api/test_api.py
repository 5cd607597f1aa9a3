"""The API: tokens (hashed, shown once, revoked, expired), the same access and rules as the pages, one error shape,
409 on a lost update, and the OpenAPI document describing every operation."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from homeward.api.models import ApiToken
from homeward.api.tokens import token_create
from homeward.cases.models import Case, CaseState
from homeward.core.models import AccessLog
from tests.factories import case_in_state
from tests.snapshots import case_snapshot

S = CaseState


def client_for(user) -> Client:
    _token, raw = token_create(user=user, name="tests", days=30)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert {"status", "code", "message"} <= set(body["error"])
    assert body["error"]["status"] == response.status_code
    return body["error"]


@pytest.fixture
def registered(counsellor, officer, movement):
    return case_in_state(S.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)


# Tokens


def test_a_token_is_shown_once_and_only_its_hash_is_kept(client, counsellor):
    client.force_login(counsellor)
    response = client.post(reverse("api_tokens"), {"name": "Caritas case sync", "days": 30})
    page = response.content.decode()
    token = ApiToken.objects.get()
    secret = page.split('data-testid="secret">')[1].split("<")[0]
    assert secret.startswith("hw_") and len(secret) > 40
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert token.prefix == secret[:10]
    assert secret not in client.get(reverse("api_tokens")).content.decode()  # never shown again


def test_a_revoked_token_is_refused(counsellor, registered):
    token, raw = token_create(user=counsellor, name="sync", days=30)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/cases/").status_code == 200

    page = Client()
    page.force_login(counsellor)
    page.post(reverse("api_token_revoke", args=[token.pk]))

    response = api.get("/api/v1/cases/")
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthenticated"


def test_an_expired_token_is_refused(counsellor, registered):
    token, raw = token_create(user=counsellor, name="sync", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/cases/").status_code == 401


def test_nobody_revokes_another_users_token(client, counsellor, other_counsellor):
    token, _raw = token_create(user=counsellor, name="sync", days=30)
    client.force_login(other_counsellor)
    client.post(reverse("api_token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize(("name", "days"), [("", 30), ("sync", 0), ("sync", 366)])
def test_a_token_that_cannot_be_is_refused_with_a_message(client, counsellor, name, days):
    client.force_login(counsellor)
    response = client.post(reverse("api_tokens"), {"name": name, "days": days})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode() or "form-errors" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_no_token_no_data():
    response = Client().get("/api/v1/cases/")
    assert response.status_code == 401


# Access: the same as the pages


def test_a_partner_lists_only_the_cases_it_referred(counsellor, other_counsellor, officer, movement):
    own = case_in_state(S.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)
    other = case_in_state(S.REGISTERED, counsellor=other_counsellor, officer=officer, movement=movement)

    listed = client_for(counsellor).get("/api/v1/cases/").json()

    assert [item["reference"] for item in listed["items"]] == [own.reference]
    assert listed["count"] == 1
    response = client_for(counsellor).get(f"/api/v1/cases/{other.reference}")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_reading_a_case_is_logged(counsellor, registered):
    client_for(counsellor).get(f"/api/v1/cases/{registered.reference}")
    assert AccessLog.objects.filter(user=counsellor, action="api view", object_id=registered.reference).exists()


def test_an_office_abroad_cannot_register_and_nothing_is_written(office_abroad_user, partner):
    before = Case.objects.count()
    response = client_for(office_abroad_user).post("/api/v1/cases/", data={
        "programme": "REAB", "referring_partner_id": partner.pk, "destination": "UA",
        "reab_category": "ASYLUM_REJECTED",
        "principal": {"family_name": "Shevchenko", "given_names": "Oleksandr", "sex": "M",
                      "date_of_birth": "1985-11-03", "nationality": "UA"},
    }, content_type="application/json")
    assert response.status_code == 403
    assert error_of(response)["code"] == "not_allowed"
    assert "cannot register" in error_of(response)["message"]
    assert Case.objects.count() == before


def test_a_counsellor_registers_through_the_api(counsellor):
    response = client_for(counsellor).post("/api/v1/cases/", data={
        "programme": "REAB", "destination": "UA", "reab_category": "ASYLUM_REJECTED",
        "principal": {"family_name": "Kovalenko", "given_names": "Andriy", "sex": "M",
                      "date_of_birth": "1984-02-17", "nationality": "UA"},
        "members": [{"person": {"family_name": "Kovalenko", "given_names": "Maksym", "sex": "M",
                                "date_of_birth": "2015-01-01", "date_of_birth_precision": "YEAR",
                                "nationality": "UA"}, "relation": "CHILD"}],
    }, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "REGISTERED"
    assert [member["given_names"] for member in body["members"]] == ["Andriy", "Maksym"]
    assert Case.objects.get(reference=body["reference"]).referring_partner == counsellor.organisation


def test_the_wrong_role_cannot_move_a_case_and_nothing_changes(counsellor, registered):
    before = case_snapshot(registered)
    response = client_for(counsellor).post(f"/api/v1/cases/{registered.reference}/transitions",
                                           data={"to_state": "APPROVED", "version": registered.version},
                                           content_type="application/json")
    assert response.status_code == 403
    registered.refresh_from_db()
    assert case_snapshot(registered) == before


def test_the_case_officer_moves_a_case_on(officer, registered):
    response = client_for(officer).post(f"/api/v1/cases/{registered.reference}/transitions",
                                        data={"to_state": "UNDER_REVIEW", "version": registered.version},
                                        content_type="application/json")
    assert response.status_code == 200
    assert response.json()["state"] == "UNDER_REVIEW"


def test_two_clients_editing_one_case_one_gets_409_and_no_field_is_lost(counsellor, registered):
    detail = client_for(counsellor).get(f"/api/v1/cases/{registered.reference}").json()
    principal = detail["members"][0]

    def edit(notes: str, destination: str):
        return client_for(counsellor).put(f"/api/v1/cases/{registered.reference}", data={
            "version": detail["version"], "destination": destination, "reab_category": "ASYLUM_REJECTED",
            "notes": notes,
            "principal": {"member_id": principal["member_id"], "relation": "PRINCIPAL", "person": {
                "family_name": principal["family_name"], "given_names": principal["given_names"],
                "sex": principal["sex"], "date_of_birth": principal["date_of_birth"],
                "nationality": principal["nationality"]}},
        }, content_type="application/json")

    first = edit("The family has a flight booked by relatives.", "UA")
    second = edit("", "MD")

    assert first.status_code == 200
    assert second.status_code == 409
    assert error_of(second)["code"] == "stale_version"
    registered.refresh_from_db()
    assert (registered.notes, str(registered.destination)) == ("The family has a flight booked by relatives.", "UA")


# Bad input


def test_malformed_json_is_a_400_and_writes_nothing(counsellor):
    before = Case.objects.count()
    response = client_for(counsellor).post("/api/v1/cases/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    error_of(response)
    assert Case.objects.count() == before


def test_a_body_that_breaks_the_schema_is_a_422_with_details(counsellor):
    response = client_for(counsellor).post("/api/v1/cases/", data={"programme": "REAB"},
                                           content_type="application/json")
    assert response.status_code == 422
    assert error_of(response)["details"]


def test_a_very_large_body_is_refused(counsellor):
    body = json.dumps({"programme": "REAB", "notes": "x" * 3_000_000})
    response = client_for(counsellor).post("/api/v1/cases/", data=body, content_type="application/json")
    assert 400 <= response.status_code < 500


# Screening and reports: for the country office


def test_screening_candidates_are_for_the_country_office(counsellor, officer, registered):
    assert client_for(counsellor).get(f"/api/v1/cases/{registered.reference}/screening").status_code == 403
    assert client_for(officer).get(f"/api/v1/cases/{registered.reference}/screening").json() == []


def test_the_year_report_is_for_managers(counsellor, officer):
    assert client_for(counsellor).get("/api/v1/reports/year/2012").status_code == 403
    body = client_for(officer).get("/api/v1/reports/year/2012").json()
    assert body["year"] == 2012 and "reab" in body


def test_the_openapi_document_describes_every_operation():
    document = Client().get("/api/v1/openapi.json").json()
    operations = {(path, method) for path, item in document["paths"].items() for method in item}
    assert operations >= {
        ("/api/v1/organisations/", "get"), ("/api/v1/cases/", "get"), ("/api/v1/cases/", "post"),
        ("/api/v1/cases/{reference}", "get"), ("/api/v1/cases/{reference}", "put"),
        ("/api/v1/cases/{reference}/transitions", "post"), ("/api/v1/cases/{reference}/eligibility", "get"),
        ("/api/v1/cases/{reference}/screening", "get"), ("/api/v1/reports/year/{year}", "get"),
    }


# Case files


def test_an_administrator_imports_a_case_file_through_the_api(admin_user_with_role):
    from tests.exchange.casefiles import REGISTER, REGISTER_CASES, csv_bytes

    api = client_for(admin_user_with_role)
    response = api.post("/api/v1/case-files/imports",
                        data={"file": _upload(csv_bytes(REGISTER))})
    assert response.status_code == 200, response.content
    assert response.json()["cases_created"] == REGISTER_CASES


def test_a_case_file_with_problems_lists_them_all_and_writes_nothing(admin_user_with_role):
    from tests.exchange.casefiles import REGISTER, csv_bytes

    rows = [dict(row) for row in REGISTER]
    rows[0]["destination"] = "ZZ"
    rows[1]["registered_on"] = "2999-01-01"
    before = Case.objects.count()
    response = client_for(admin_user_with_role).post("/api/v1/case-files/imports",
                                                     data={"file": _upload(csv_bytes(rows))})
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "file_problems"
    assert {item["column"] for item in error["details"]} >= {"destination", "registered_on"}
    assert Case.objects.count() == before


def test_only_an_administrator_imports(counsellor):
    from tests.exchange.casefiles import REGISTER, csv_bytes

    before = Case.objects.count()
    response = client_for(counsellor).post("/api/v1/case-files/imports", data={"file": _upload(csv_bytes(REGISTER))})
    assert response.status_code == 404
    assert Case.objects.count() == before


def test_a_partner_exports_only_its_cases(counsellor, other_counsellor, officer, movement):
    own = case_in_state(S.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)
    other = case_in_state(S.REGISTERED, counsellor=other_counsellor, officer=officer, movement=movement)
    response = client_for(counsellor).get("/api/v1/case-files/exports/cases.csv")
    assert response.status_code == 200
    text = response.content.decode()
    assert own.reference in text and other.reference not in text
    assert AccessLog.objects.filter(user=counsellor, action="export").exists()


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("cases.csv", content, content_type="text/csv")


@pytest.fixture
def admin_user_with_role(country_office):
    from homeward.organisations.models import Role
    from tests.factories import UserFactory

    return UserFactory(username="admin", organisation=country_office, roles=[Role.ADMINISTRATOR])


def test_a_token_is_throttled_beyond_its_rate(counsellor, registered):
    from django.core.cache import cache

    cache.clear()
    api = client_for(counsellor)
    answers = [api.get("/api/v1/organisations/").status_code for _request in range(125)]
    assert answers[:120] == [200] * 120
    assert answers[-1] == 429
    cache.clear()


def test_a_person_is_read_through_the_cases_one_may_see(counsellor, other_counsellor, officer, movement):
    own = case_in_state(S.REGISTERED, counsellor=counsellor, officer=officer, movement=movement)
    person = own.members.get().person
    body = client_for(counsellor).get(f"/api/v1/persons/{person.pk}").json()
    assert (body["family_name"], [item["case"] for item in body["cases"]]) == ("Shevchenko", [own.reference])
    response = client_for(other_counsellor).get(f"/api/v1/persons/{person.pk}")
    assert response.status_code == 404
    assert "Shevchenko" not in response.content.decode()


def test_an_office_abroad_exports_without_the_asylum_details(office_abroad_user, counsellor, officer, movement):
    case = case_in_state(S.APPROVED, counsellor=counsellor, officer=officer, movement=movement)
    assert case.reab_category
    text = client_for(office_abroad_user).get("/api/v1/case-files/exports/cases.csv").content.decode()
    header, row = text.splitlines()[:2]
    values = dict(zip(header.split(","), row.split(","), strict=True))
    assert values["case_ref"] == case.reference
    assert values["reab_category"] == ""
