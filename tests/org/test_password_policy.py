"""The password policy refuses short passwords and passwords made from the person's own names, in Vietnamese."""

from __future__ import annotations

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize(
    "password",
    [
        "vanthu2026",  # the login and a year (from the issue)
        "Lan12345",  # her first name and digits (from the issue)
        "VanThu@2026-2027!",  # long enough, still the login
        "Lê Thị Chi 2026 !!",  # her full name with diacritics, long enough
        "le-thi-chi-2026",  # the same without diacritics
        "12345678901234",  # digits only
        "password1234",  # common
        "Ng@y-m0i",  # too short
    ],
)
def test_weak_passwords_are_refused_for_the_clerk(cast, password):
    cast.clerk.first_name, cast.clerk.last_name = "Lan", "Lê Thị Chi"
    with pytest.raises(ValidationError):
        validate_password(password, cast.clerk)


def test_a_long_password_unrelated_to_the_name_is_accepted(cast):
    validate_password("Tra-sen-Ho-Tay-mua-thu", cast.clerk)


def test_the_refusals_are_in_vietnamese_on_the_password_form(cast):
    cast.clerk.first_name = "Lan"
    form = SetPasswordForm(cast.clerk, {"new_password1": "Lan12345", "new_password2": "Lan12345"})
    assert not form.is_valid()
    text = " ".join(form.errors["new_password2"])
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in text
    assert "không được chứa tên đăng nhập hoặc họ, tên" in text
    assert "This password" not in text and "too similar" not in text

    form = SetPasswordForm(cast.clerk, {"new_password1": "vanthu-2026-2027", "new_password2": "vanthu-2026-2027"})
    assert not form.is_valid()
    assert "không được chứa tên đăng nhập" in " ".join(form.errors["new_password2"])
