"""A programme manager reads the tables of its own programme; the country office reads both."""

from django.urls import reverse


def test_the_programme_manager_of_reab_gets_no_luxembourg_tables(client, programme_manager):
    client.force_login(programme_manager)

    page = client.get(reverse("report_year", kwargs={"year": 2012})).content.decode()

    assert "From Belgium" in page
    assert "Grand Duchy of Luxembourg" not in page


def test_the_country_office_gets_both_programmes(client, officer):
    client.force_login(officer)

    page = client.get(reverse("report_year", kwargs={"year": 2012})).content.decode()

    assert "From Belgium" in page
    assert "Grand Duchy of Luxembourg" in page
