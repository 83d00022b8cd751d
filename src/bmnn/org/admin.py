"""The organisation in the Django admin: every change audited with old and new values; what would grant access
(a higher clearance, a designation, a delegation) becomes a request the head decides (org.services, S7)."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import TokenProxy

from bmnn.audit.admin_base import MASKED, AuditedAdmin, ReadOnlyAdmin
from bmnn.audit.chain import record
from bmnn.core.errors import DomainError
from bmnn.core.levels import rank
from bmnn.core.limits import TEXT_MAX

from . import services
from .access import login_unlock, two_factor_reset
from .http import signed_in
from .models import AccessKind, AccessRequest, Delegation, Organisation, Person, SigningAuthority

UNLOCK = _("Unlock login (logged)")
# What the admin says once it filed requests instead of saving (clearance, designation), and a delegation.
REQUESTED = {
    (True, False): _(
        "A request to raise the access level of {person} was filed; it applies only when a competent person approves."
    ),
    (False, True): _(
        "A request to assign {person} to state secret work was filed; it applies only when a competent person approves."
    ),
    (True, True): _(
        "A request to raise the access level of {person} and assign them to state secret work was filed; it applies "
        "only when a competent person approves."
    ),
}
DELEGATION_REQUESTED = _(
    "A request for a delegation to {person} was filed; it applies only when a competent person approves."
)

# API tokens are issued and revoked by their owner only (org.operations): the admin neither lists their keys
# (which would let the administrator act as anyone) nor mints one for someone else.
admin.site.unregister(TokenProxy)
admin.site.unregister(Group)


@admin.register(Group)
class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    """Groups of admin permissions: technical set-up, audited like everything else."""

    audit_action = "org.group.changed"


class NoRelatedListing:
    """S2: the delete confirmation lists related objects by their names, secret records among them (a number with
    its level); it says how many there are instead, so the page shows no record to whoever opens it."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            protected = [f"{len(protected)} đối tượng liên quan (không liệt kê tên)"]
        return [f"{len(deleted)} đối tượng (không liệt kê tên)"], counts, perms_needed, protected


@admin.register(Organisation)
class OrganisationAdmin(NoRelatedListing, AuditedAdmin):
    audit_action = "org.organisation.changed"
    list_display = ("name", "short_name", "kind", "parent", "symbol", "keeps_register")
    list_filter = ("kind", "keeps_register")
    search_fields = ("name", "short_name")


class PersonChangeForm(UserChangeForm):
    request_reasons = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Reason for the access request"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Raising the access level or assigning state secret work does not apply at once: the system files a "
            "request for the head to decide."
        ),
    )


@admin.register(Person)
class PersonAdmin(NoRelatedListing, AuditedAdmin, UserAdmin):
    audit_action = "org.person.changed"
    form = PersonChangeForm
    list_display = (
        "username",
        "get_full_name",
        "organisation",
        "position",
        "clearance",
        "designated_for_secrets",
        "is_active",
    )
    list_filter = ("position", "clearance", "designated_for_secrets", "organisation")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (
            _("State secret work"),
            {
                "fields": (
                    "organisation",
                    "position",
                    "title",
                    "clearance",
                    "designated_for_secrets",
                    "designation_ref",
                    "designation_date",
                    "absent",
                    "request_reasons",
                )
            },
        ),
    )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a person leaves by being deactivated; the record keeps their name

    def held_back(self, request: HttpRequest, obj: models.Model, before: models.Model | None) -> list[str]:
        """A higher clearance, and a designation (new, or its decision changed), wait for the head (S7, R38)."""
        if not isinstance(obj, Person):
            return []
        held = []
        if rank(obj.clearance) > rank(before.clearance if isinstance(before, Person) else ""):
            held.append("clearance")
        was = before if isinstance(before, Person) and before.designated_for_secrets else None
        if obj.designated_for_secrets and (
            was is None or (obj.designation_ref, obj.designation_date) != (was.designation_ref, was.designation_date)
        ):
            held += list(services.DESIGNATION_FIELDS)
        return held

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj._request_reasons = form.cleaned_data.get("request_reasons", "")
        super().save_model(request, obj, form, change)

    def file_request(self, request: HttpRequest, obj: models.Model, asked: dict[str, Any]) -> str:
        if not isinstance(obj, Person):
            raise DomainError(_("There is no request for this object."))
        reasons, filed = getattr(obj, "_request_reasons", ""), []
        if "clearance" in asked:
            services.access_request_submit(
                actor=signed_in(request),
                person=obj,
                kind=AccessKind.CLEARANCE,
                payload={"clearance": asked["clearance"]},
                reasons=reasons,
            )
            filed.append("clearance")
        if "designated_for_secrets" in asked:
            services.access_request_submit(
                actor=signed_in(request),
                person=obj,
                kind=AccessKind.DESIGNATION,
                reasons=reasons,
                payload={"designation_ref": asked["designation_ref"], "designation_date": asked["designation_date"]},
            )
            filed.append("designation")
        message = REQUESTED.get(("clearance" in filed, "designation" in filed), REQUESTED[True, True])
        return str(message).format(person=obj)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """A password set here is an audit event (the values never are)."""
        if not unquote(id).isdigit():
            raise Http404(_("Official not found."))
        with transaction.atomic():
            before = Person.objects.filter(pk=unquote(id)).values_list("password", flat=True).first()
            response = super().user_change_password(request, id, form_url)
            person = Person.objects.filter(pk=unquote(id)).first()
            if person is not None and before is not None and person.password != before:
                record(
                    request.user,
                    "org.person.password_changed",
                    person,
                    data={"model": "org.Person", "changes": {"password": {"old": MASKED, "new": MASKED}}},
                )
        return response


class DelegationForm(forms.ModelForm):
    operations = forms.JSONField(max_length=TEXT_MAX, label=_("delegated action"), initial=list)
    reasons = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Reason for the access request"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Delegation
        fields = ("grantor", "deputy", "document_ref", "scope", "operations", "max_level", "valid_from", "valid_until")


@admin.register(Delegation)
class DelegationAdmin(AuditedAdmin):
    """R13: a delegation typed here is a request the head who delegates approves; revoking is immediate."""

    audit_action = "org.access.requested"
    form = DelegationForm
    list_display = ("document_ref", "grantor", "deputy", "max_level", "valid_from", "valid_until", "revoked_at")
    list_filter = ("max_level",)
    actions = ["revoke"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = form.cleaned_data
        payload = {name: data[name] for name in services.DELEGATION_FIELDS}
        payload["grantor"] = obj.grantor_id
        try:
            services.access_request_submit(
                actor=signed_in(request),
                person=obj.deputy,
                kind=AccessKind.DELEGATION,
                payload=payload,
                reasons=data.get("reasons", ""),
            )
            messages.info(request, str(DELEGATION_REQUESTED).format(person=obj.deputy))
        except DomainError as exc:
            messages.error(
                request, str(_("The delegation request could not be filed: {error}")).format(error=exc.message)
            )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing is saved here: the delegation exists once the head approves the request."""

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        return None

    def response_add(self, request: HttpRequest, obj: Any, post_url_continue: str | None = None) -> HttpResponse:
        return HttpResponseRedirect(reverse("admin:org_accessrequest_changelist"))

    @admin.action(description=_("Revoke the selected delegations"))
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        for delegation in queryset:
            try:
                services.delegation_revoke(
                    actor=signed_in(request), delegation=delegation, reason="Thu hồi từ trang quản trị"
                )
            except DomainError as exc:
                messages.error(request, f"{delegation}: {exc.message}")


@admin.register(SigningAuthority)
class SigningAuthorityAdmin(AuditedAdmin):
    """R47: the signing-authority table is dated data; every row added, changed or ended is an audit event."""

    audit_action = "org.signing.changed"
    audit_basis = "R47"
    list_display = ("agency", "position", "person", "max_level", "valid_from", "valid_until", "basis")
    list_filter = ("max_level", "position")
    autocomplete_fields = ("agency", "person")


@admin.register(AccessRequest)
class AccessRequestAdmin(ReadOnlyAdmin):
    """Requests are filed and decided through the services (the head decides on the screen, API or command)."""

    list_display = ("requested_at", "kind", "person", "requester", "status", "decided_by", "decided_at")
    list_filter = ("kind", "status")
    fields = (
        "kind",
        "person",
        "payload",
        "reasons",
        "requester",
        "requested_at",
        "status",
        "decided_by",
        "decided_at",
        "decision_reasons",
    )


# Login locks and second factors change only through the audited services of org.access: the admin of
# axes is switched off (AXES_ENABLE_ADMIN) and django-otp's device pages are replaced by the actions below.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.action(description=_("Reset two-factor enrolment (the official enrols again at login)"))
def reset_two_factor(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Person]) -> None:
    for person in queryset:
        try:
            two_factor_reset(actor=signed_in(request), person=person)
        except DomainError as exc:
            modeladmin.message_user(request, exc.message, messages.ERROR)
            return
    modeladmin.message_user(request, _("Reset two-factor enrolment of %d official(s).") % queryset.count())


# The stubs declare ``actions`` per instance of the generic ModelAdmin; Django reads it from the class.
PersonAdmin.actions = [*(PersonAdmin.actions or []), reset_two_factor]  # type: ignore[misc]


@admin.register(AccessAttempt)
class LoginLockAdmin(ReadOnlyAdmin):
    """Failed logins per account and address; an administrator unlocks them with an audited action."""

    list_display = ("username", "ip_address", "failures_since_start", "attempt_time", "path_info")
    search_fields = ("username", "ip_address")
    actions = ["unlock"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # The actions list needs some "delete" permission to show; ours is the only way to remove a record.
        return {"unlock": (LoginLockAdmin.unlock, "unlock", UNLOCK)}

    @admin.action(description=UNLOCK)
    def unlock(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        cleared = 0
        for attempt in list(queryset):
            try:
                cleared += login_unlock(
                    actor=signed_in(request), username=attempt.username or "", ip_address=attempt.ip_address or ""
                )
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)
                return
        self.message_user(request, _("Unlocked; %d failed login record(s) deleted.") % cleared)
