"""Registering a household through the web form: what is saved, what is refused and said, and the member rows."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from homeward.cases.forms import MemberForm
from homeward.cases.models import Case, CaseEvent, CaseMember, CaseState, Relation
from homeward.cases.selectors import case_search
from homeward.cases.services import MAX_HOUSEHOLD
from homeward.people.models import DatePrecision, IdentityDocument, Person
from tests.postdata import person_fields, registration_post
from tests.snapshots import row_counts

URL = "/cases/new/"


def _family_of_three(reab) -> dict[str, object]:
    return registration_post(
        programme=reab.pk,
        reab_category="ASYLUM_REJECTED",
        destination="UA",
        notes="Wants to go back before the school year.",
        principal=person_fields(
            "Shevchenko", "Oleksandr", date_of_birth="1985-11-03", document_type="PASSPORT",
            document_number="FE123456",
        ),
        members=[
            person_fields("Shevchenko", "Iryna", sex="F", date_of_birth="03/02/1987", relation=Relation.SPOUSE),
            person_fields(
                "Shevchenko", "Taras", date_of_birth="2015", relation=Relation.CHILD,
                vulnerabilities=("MEDICAL_NEED",),
            ),
        ],
    )


def test_registering_a_family_of_three(counsellor, reab, client):
    # given a counsellor on the registration form
    client.force_login(counsellor)

    # when they register a family of three
    response = client.post(URL, _family_of_three(reab))

    # then one registered case with three persons exists, and the browser goes to its page
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("case_detail", args=[case.reference])
    assert (case.state, case.programme, case.referring_partner, case.created_by) == (
        CaseState.REGISTERED, reab, counsellor.organisation, counsellor,
    )
    assert (case.reab_category, str(case.destination), case.notes) == (
        "ASYLUM_REJECTED", "UA", "Wants to go back before the school year.",
    )
    assert (case.registered_on, case.version) == (timezone.localdate(), 2)
    assert row_counts() == {"cases": 1, "persons": 3, "members": 3, "events": 2}
    members = list(case.members.order_by("position").select_related("person"))
    assert [
        (m.relation, m.person.given_names, m.person.sex, m.person.date_of_birth, m.person.date_of_birth_precision)
        for m in members
    ] == [
        (Relation.PRINCIPAL, "Oleksandr", "M", datetime.date(1985, 11, 3), DatePrecision.DAY),
        (Relation.SPOUSE, "Iryna", "F", datetime.date(1987, 2, 3), DatePrecision.DAY),
        (Relation.CHILD, "Taras", "M", datetime.date(2015, 1, 1), DatePrecision.YEAR),
    ]
    assert [list(m.vulnerabilities.values_list("kind", flat=True)) for m in members] == [[], [], ["MEDICAL_NEED"]]
    assert list(IdentityDocument.objects.values_list("person__given_names", "type", "number")) == [
        ("Oleksandr", "PASSPORT", "FE123456"),
    ]
    assert list(CaseEvent.objects.filter(case=case).values_list("actor", "from_state", "to_state")) == [
        (counsellor.pk, "", CaseState.DRAFT),
        (counsellor.pk, CaseState.DRAFT, CaseState.REGISTERED),
    ]


def test_saving_a_draft(counsellor, reab, client):
    client.force_login(counsellor)

    response = client.post(URL, {**_family_of_three(reab), "save_draft": ""})

    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("case_detail", args=[case.reference])
    assert (case.state, case.registered_on) == (CaseState.DRAFT, None)
    assert row_counts() == {"cases": 1, "persons": 3, "members": 3, "events": 1}


def test_a_counsellor_registers_for_their_own_partner_whatever_the_form_says(counsellor, other_partner, reab, client):
    # given a counsellor who tampers with the disabled partner field
    client.force_login(counsellor)

    # when they post another partner's id
    client.post(URL, {**_family_of_three(reab), "referring_partner": other_partner.pk})

    # then the case is referred by their own organisation
    assert Case.objects.get().referring_partner == counsellor.organisation


def test_a_case_officer_registers_for_a_chosen_partner(officer, partner, avrrl, client):
    client.force_login(officer)

    response = client.post(
        URL, registration_post(programme=avrrl.pk, referring_partner=partner.pk, reab_category="", destination="IQ"),
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert (case.referring_partner, case.programme, case.reab_category, str(case.destination)) == (
        partner, avrrl, "", "IQ",
    )


def test_an_empty_member_row_is_ignored(counsellor, reab, client):
    client.force_login(counsellor)
    data = registration_post(programme=reab.pk, members=[person_fields("", "", sex="", date_of_birth="",
                                                                          nationality="")])

    response = client.post(URL, data)

    assert response.status_code == 302
    assert row_counts() == {"cases": 1, "persons": 1, "members": 1, "events": 2}


IN_TWO_DAYS = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()


def _with(principal=None, members=None, programme="REAB", **case_fields):
    """A good registration with one thing changed: the principal's or a member's fields, or the case's."""

    def build(reab, avrrl):
        return registration_post(
            programme=(avrrl if programme == "AVRRL" else reab).pk,
            principal=person_fields(**(principal or {})),
            members=[person_fields(**fields) for fields in (members or [])],
            **case_fields,
        )

    return build


BAD_INPUT = [
    ("no family name", _with(principal={"family_name": ""}), "principal", "family_name",
     "This field is required."),
    ("blank family name", _with(principal={"family_name": "   "}), "principal", "family_name",
     "This field is required."),
    ("impossible date", _with(principal={"date_of_birth": "2023-02-30"}), "principal", "date_of_birth",
     "2023-02-30 is not a date that exists."),
    ("impossible day-first date", _with(principal={"date_of_birth": "31/04/1990"}), "principal", "date_of_birth",
     "31/04/1990 is not a date that exists."),
    ("future date", _with(principal={"date_of_birth": IN_TWO_DAYS}), "principal", "date_of_birth",
     "The date of birth cannot be in the future."),
    ("date in words", _with(principal={"date_of_birth": "yesterday"}), "principal", "date_of_birth",
     "Write the date of birth as 1985-03-11, 11/03/1985, or the year alone (1985)."),
    ("date before 1900", _with(principal={"date_of_birth": "1899"}), "principal", "date_of_birth",
     "The date of birth cannot be before 1900."),
    ("unknown nationality", _with(principal={"nationality": "ZZ"}), "principal", "nationality",
     "Choose a country from the list."),
    ("unknown destination", _with(destination="ZZ"), "case_form", "destination",
     "Choose a country from the list."),
    ("no destination", _with(destination=""), "case_form", "destination", "Choose a country."),
    ("no nationality", _with(principal={"nationality": ""}), "principal", "nationality", "Choose a country."),
    ("10,000-character family name", _with(principal={"family_name": "A" * 10_000}), "principal", "family_name",
     "Ensure this value has at most 150 characters (it has 10000)."),
    ("REAB without category", _with(reab_category=""), "case_form", "reab_category",
     "Choose the REAB category."),
    ("AVRRL with a category", _with(programme="AVRRL", reab_category="NON_ASYLUM"), "case_form", "reab_category",
     "The AVRRL programme has no REAB categories."),
    ("unknown category", _with(reab_category="D"), "case_form", "reab_category",
     ["Select a valid choice. D is not one of the available choices."]),
    ("document type without number", _with(principal={"document_type": "PASSPORT"}), "principal",
     "document_number", "Give both the type and the number of the document, or neither."),
    ("document number without type", _with(principal={"document_number": "FE123"}), "principal",
     "document_number", "Give both the type and the number of the document, or neither."),
    ("member with an impossible date", _with(members=[{"relation": "CHILD", "date_of_birth": "2019-13-01"}]),
     "member0", "date_of_birth", "2019-13-01 is not a date that exists."),
    ("member without relation", _with(members=[{"given_names": "Iryna"}]), "member0", "relation",
     "This field is required."),
    ("member as a second principal", _with(members=[{"relation": "PRINCIPAL"}]), "member0", "relation",
     "Select a valid choice. PRINCIPAL is not one of the available choices."),
]


def _errors(response, where: str, field: str) -> list[str]:
    context = response.context
    if where == "member0":
        return context["formset"].forms[0].errors.get(field, [])
    return context[where].errors.get(field, [])


@pytest.mark.parametrize(("build", "where", "field", "message"), [case[1:] for case in BAD_INPUT],
                         ids=[case[0] for case in BAD_INPUT])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    build, where, field, message, counsellor, reab, avrrl, client
):
    # given a counsellor on the registration form
    client.force_login(counsellor)
    before = row_counts()

    # when they post the form with one thing wrong
    response = client.post(URL, build(reab, avrrl))

    # then the form comes back with the message at the field, and nothing was saved
    assert response.status_code == 200
    messages = message if isinstance(message, list) else [message]
    assert _errors(response, where, field) == messages
    for text in messages:
        assert escape(text) in response.content.decode()
    assert row_counts() == before


def test_an_absurd_number_of_member_rows_is_refused_without_building_them(counsellor, reab, client, monkeypatch):
    # given a guard that stops the request once the server builds more member forms than a household can have
    built: list[MemberForm] = []
    build = MemberForm.__init__

    def counted_build(form, *args, **kwargs):
        built.append(form)
        if len(built) > MAX_HOUSEHOLD:
            raise AssertionError(f"the server built more than {MAX_HOUSEHOLD} member forms for one post")
        build(form, *args, **kwargs)

    monkeypatch.setattr(MemberForm, "__init__", counted_build)
    client.force_login(counsellor)
    before = row_counts()

    # when a post claims 5000 member rows
    response = client.post(URL, registration_post(programme=reab.pk, total_forms="5000"))

    # then it is refused with a message, at the cost of at most one household's forms, and nothing is saved
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == ["Please submit at most 29 forms."]
    assert "Please submit at most 29 forms." in response.content.decode()
    assert row_counts() == before


@pytest.mark.parametrize("total_forms", ["many", "", "1.5"])
def test_an_unreadable_number_of_member_rows_is_refused(total_forms, counsellor, reab, client):
    client.force_login(counsellor)
    before = row_counts()

    response = client.post(URL, registration_post(programme=reab.pk, total_forms=total_forms))

    assert response.status_code == 200
    [error] = response.context["formset"].non_form_errors()
    assert error.startswith("ManagementForm data is missing or has been tampered with.")
    assert "ManagementForm data is missing or has been tampered with." in response.content.decode()
    assert row_counts() == before


def test_thirty_persons_are_refused_as_too_many(counsellor, reab, client):
    client.force_login(counsellor)
    before = row_counts()
    members = [person_fields("Member", str(number), relation=Relation.OTHER_RELATIVE) for number in range(30)]

    response = client.post(URL, registration_post(programme=reab.pk, members=members))

    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == ["Please submit at most 29 forms."]
    assert row_counts() == before


def test_adding_a_member_row_returns_the_form_with_one_more_row_and_saves_nothing(counsellor, reab, client):
    # given a form with the principal and one member typed
    client.force_login(counsellor)
    before = row_counts()
    data = registration_post(
        programme=reab.pk, destination="GE", principal=person_fields("Beridze", "Giorgi", nationality="GE"),
        members=[person_fields("Beridze", "Nino", sex="F", relation=Relation.SPOUSE)],
    )

    # when they press "add a household member"
    response = client.post(URL, {**data, "add_member": "1"})

    # then the whole page comes back with two member rows, what was typed kept, and nothing saved
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" in page
    formset = response.context["formset"]
    assert not formset.is_bound
    assert [form.initial.get("given_names") for form in formset.forms] == ["Nino", None]
    assert response.context["principal"].initial["family_name"] == "Beridze"
    assert response.context["case_form"].initial["destination"] == "GE"
    assert page.count('data-testid="member"') == 2
    assert 'value="Nino"' in page
    assert row_counts() == before


def test_adding_a_member_row_through_htmx_returns_only_the_household(counsellor, reab, client):
    client.force_login(counsellor)
    before = row_counts()
    data = registration_post(programme=reab.pk, members=[person_fields(relation=Relation.CHILD)])

    response = client.post(URL, {**data, "add_member": "1"}, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="household">')
    assert "<html" not in page
    assert page.count('data-testid="member"') == 2
    assert 'name="members-TOTAL_FORMS" value="2"' in page
    assert row_counts() == before


def test_removing_the_first_member_row_keeps_the_others_as_typed(counsellor, reab, client):
    # given a form with three member rows typed
    client.force_login(counsellor)
    before = row_counts()
    data = registration_post(
        programme=reab.pk,
        members=[
            person_fields("Shevchenko", "Iryna", sex="F", relation=Relation.SPOUSE),
            person_fields("Shevchenko", "Taras", relation=Relation.CHILD, vulnerabilities=("MEDICAL_NEED",)),
            person_fields("Koval", "Olha", sex="F", date_of_birth="1950", relation=Relation.PARENT),
        ],
    )

    # when they remove the first member row
    response = client.post(URL, {**data, "remove_member": "0"})

    # then the two others come back with their typed values, and nothing is saved
    assert response.status_code == 200
    initial = [form.initial for form in response.context["formset"].forms]
    assert [(row["family_name"], row["given_names"], row["relation"], row["date_of_birth"], row["vulnerabilities"])
            for row in initial] == [
        ("Shevchenko", "Taras", Relation.CHILD, "1985-11-03", ["MEDICAL_NEED"]),
        ("Koval", "Olha", Relation.PARENT, "1950", []),
    ]
    assert 'value="Iryna"' not in response.content.decode()
    assert row_counts() == before


def test_a_year_only_date_of_birth_is_stored_as_the_first_of_january_with_year_precision(counsellor, reab, client):
    client.force_login(counsellor)

    client.post(URL, registration_post(programme=reab.pk, principal=person_fields(date_of_birth="1985")))

    person = Person.objects.get()
    assert (person.date_of_birth, person.date_of_birth_precision) == (datetime.date(1985, 1, 1), DatePrecision.YEAR)
    assert person.date_of_birth_display == "1985"


def test_a_stateless_person_is_stored_without_nationality(counsellor, reab, client):
    client.force_login(counsellor)

    client.post(URL, registration_post(programme=reab.pk, principal=person_fields(nationality="STATELESS")))

    assert str(Person.objects.get().nationality) == ""


def test_an_unknown_date_of_birth_is_stored_empty(counsellor, reab, client):
    client.force_login(counsellor)

    client.post(URL, registration_post(programme=reab.pk, principal=person_fields(date_of_birth="")))

    person = Person.objects.get()
    assert (person.date_of_birth, person.date_of_birth_precision) == (None, DatePrecision.UNKNOWN)


def test_a_name_in_cyrillic_is_found_in_latin_letters_and_the_case_by_its_reference_typed_loosely(
    counsellor, reab, client
):
    # given a household registered under a name in Cyrillic
    client.force_login(counsellor)
    client.post(URL, registration_post(programme=reab.pk, principal=person_fields("Шевченко", "Олександр")))
    case = Case.objects.get()
    registered = Case.objects.all()

    # then it is found by the name as a clerk types it, and by the reference in lower case without dashes
    assert Person.objects.get().search_name == "shevchenko oleksandr"
    assert list(case_search(registered, "shevchenko")) == [case]
    assert list(case_search(registered, "SHEVCHENKO oleksandr")) == [case]
    assert list(case_search(registered, "Шевченко")) == [case]
    assert list(case_search(registered, case.reference.lower().replace("-", ""))) == [case]
    assert list(case_search(registered, "kovalenko")) == []


def test_a_user_who_cannot_register_gets_404(office_abroad_user, client):
    client.force_login(office_abroad_user)

    assert client.get(URL).status_code == 404
    assert client.post(URL, {}).status_code == 404
    assert CaseMember.objects.count() == 0
