"""The second factor on the web: enrol an authenticator (QR code drawn here, no outside service), then verify.

``TwoFactorRequiredMiddleware`` sends whoever must pass it to one of these two pages.
"""

from __future__ import annotations

import base64
from typing import Any

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from bmnn.core.forms import call_service
from bmnn.org.access import confirmed_totp, totp_pending, two_factor_enrol


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Verification code"),
        max_length=16,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def qr_svg(text: str) -> str:
    """Draw ``text`` as a QR code in SVG, locally."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the code of the enrolled authenticator, or one of the recovery codes."""
    user: Any = request.user
    if confirmed_totp(user) is None:
        return redirect("two-factor-enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next(request))
        form.add_error(
            "token",
            _(
                "The verification code is wrong or already used. Enter the code the app shows now, "
                "or an unused backup code."
            ),
        )
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Show a new authenticator key as a QR code; a correct code from it confirms it and issues recovery codes."""
    user: Any = request.user
    if confirmed_totp(user) is not None:
        return redirect("two-factor-verify")
    device = totp_pending(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enrolment = call_service(form, lambda: two_factor_enrol(actor=user, token=form.cleaned_data["token"]))
        if enrolment is not None:
            django_otp.login(request, enrolment.device)
            return render(
                request,
                "registration/two_factor_codes.html",
                {"codes": enrolment.recovery_codes, "next": _next(request)},
            )
    key = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/two_factor_enrol.html",
        {
            "form": form,
            "next": _next(request),
            "qr": mark_safe(qr_svg(device.config_url)),  # noqa: S308  (our own SVG)
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        },
    )
