"""A page offers a lifecycle operation exactly when the service would accept it from this person now, and the
operation reached from the offer is the declared one (R11, R12, S7)."""

from bmnn.approvals.models import Request, RequestStatus
from bmnn.approvals.services import request_decide
from bmnn.core import clock
from bmnn.lifecycle.models import Council, CouncilPurpose
from bmnn.lifecycle.services.copying import copy_request
from bmnn.registry.choices import CopyForm

from .conftest import world


def test_the_record_page_offers_a_declassification_council_that_lists_the_record_R11(client, cast, exam_paper):
    """R11: the clerk of the classifying agency is offered the council from the record; the officer is not, and
    is refused if they post anyway; the council made lists the record, and the record is offered it no more."""
    link = f'href="/so-bmnn/{exam_paper.pk}/hoi-dong-giai-mat/"'
    data = {
        "carriers": [exam_paper.pk],
        "setup_decision_ref": "25/QĐ-SGDĐT",
        "setup_date": clock.today().isoformat(),
        "chair": cast.deputy.pk,
        "members": [cast.officer.pk, cast.clerk.pk],
    }
    client.force_login(cast.officer)
    assert link not in client.get(f"/so-bmnn/{exam_paper.pk}/").content.decode()
    before = world()
    refused = client.post(f"/so-bmnn/{exam_paper.pk}/hoi-dong-giai-mat/", data).content.decode()
    assert "Chỉ người đứng đầu hoặc văn thư của cơ quan" in refused and world() == before
    client.force_login(cast.clerk)
    page = client.get(f"/so-bmnn/{exam_paper.pk}/").content.decode()
    assert link in page and "Lập Hội đồng giải mật" in page
    response = client.post(f"/so-bmnn/{exam_paper.pk}/hoi-dong-giai-mat/", data)
    council = Council.objects.get()
    assert response.url == f"/hoi-dong/{council.pk}/"
    assert council.purpose == CouncilPurpose.DECLASSIFY and list(council.carriers.all()) == [exam_paper]
    assert link not in client.get(f"/so-bmnn/{exam_paper.pk}/").content.decode()  # already before a council


def test_an_approved_request_offers_only_its_own_execution_R12(client, cast, exam_paper):
    """R12: once a copy is approved, its page offers the copy and nothing else; another operation's execution is
    refused on the screen and through the API, and the request stays approved."""
    request = copy_request(
        actor=cast.officer,
        carrier=exam_paper,
        form=CopyForm.TRUE_COPY,
        count=1,
        recipients="Hội đồng thi",
        reasons="Phục vụ kỳ thi",
    )
    client.force_login(cast.officer)  # the requester: no decision offered (S7)
    assert "Ghi quyết định" not in client.get(f"/de-nghi/{request.pk}/").content.decode()
    request_decide(actor=cast.director, request=request, approve=True)
    client.force_login(cast.clerk)
    page = client.get(f"/de-nghi/{request.pk}/").content.decode()
    assert f'action="/de-nghi/{request.pk}/thuc-hien/sao-chup/"' in page
    assert "Giao tài liệu mang ra" not in page and "Ghi quyết định" not in page
    before = world()
    refused = client.post(f"/de-nghi/{request.pk}/thuc-hien/mang-ra/", {}, follow=True).content.decode()
    assert "Đề nghị không đúng loại thao tác" in refused
    answer = client.post(f"/api/requests/{request.pk}/execute/takeout/", {}, content_type="application/json")
    assert answer.status_code == 400 and "không đúng loại thao tác" in answer.json()["detail"]
    assert world() == before and Request.objects.get().status == RequestStatus.APPROVED


def test_only_a_leader_is_offered_to_set_up_a_council_and_anyone_of_an_agency_to_plan_a_meeting_R11_R35(
    client, cast, exam_paper
):
    """R11, R36, R35: setting up a council is the head's or the clerk's; the officer is refused on the screen and the
    API before any form, and nothing is written. Planning a meeting is open to whoever works in an agency."""
    from bmnn.core import operations

    ops = operations.load()
    assert ops["council-set-up"].allowed(cast.clerk, None) and ops["council-set-up"].allowed(cast.director, None)
    assert not ops["council-set-up"].allowed(cast.officer, None)
    assert ops["meeting-plan"].allowed(cast.officer, None)
    client.force_login(cast.officer)
    before = world()
    assert client.get("/hoi-dong/moi/").status_code == 403
    refused = client.post("/api/councils/", {}, content_type="application/json")
    assert refused.status_code == 403 and "Chỉ người đứng đầu hoặc văn thư" in refused.json()["detail"]
    assert world() == before and not Council.objects.exists()
