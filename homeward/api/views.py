"""The *API tokens* page: a user creates tokens for their own scripts (shown once), sees and revokes them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from homeward.api.models import ApiToken
from homeward.api.tokens import MAX_DAYS, token_create, token_revoke
from homeward.core.errors import DomainError
from homeward.core.users import request_user


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("What is it for?"), max_length=100)
    days = forms.IntegerField(label=gettext_lazy("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=90)



@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    secret = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = token_create(user=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            form = TokenForm()
    return render(request, "api/tokens.html", {
        "form": form,
        "secret": secret,  # shown in this one response only: only its hash is stored
        "tokens": ApiToken.objects.filter(user=user),
    })


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = token_revoke(user=request_user(request), token_id=token_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The token %(name)s is revoked: it no longer opens anything.") % {"name": token})
    return redirect("api_tokens")
