"""The lifecycle through the REST API: the same services, the same refusals (R12, R16, S7)."""

from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_copy_through_the_api_R12_R16(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk], copy_permitted=True))
    client.force_login(cast.officer)
    made = post(
        client,
        f"/api/carriers/{carrier.pk}/copy-request/",
        {"form": "TRUE_COPY", "count": 2, "recipients": "Hội đồng thi", "reasons": "In sao"},
    )
    assert made.status_code == 201, made.json()
    request_id = made.json()["id"]
    refused = post(client, f"/api/requests/{request_id}/decide/", {"approve": "1"})
    assert refused.status_code == 403 and refused.json()["rule"] == "S7"
    client.force_login(cast.director)
    assert [r["id"] for r in client.get("/api/requests/awaiting/").json()] == [request_id]
    assert post(client, f"/api/requests/{request_id}/decide/", {"approve": "1"}).json()["status"] == "APPROVED"
    client.force_login(cast.clerk)
    too_many = post(client, f"/api/requests/{request_id}/execute/copy/", {"made": 3, "spoiled": 0})
    assert too_many.status_code == 400 and too_many.json()["rule"] == "R16"
    done = post(client, f"/api/requests/{request_id}/execute/copy/", {"made": 2, "spoiled": 0})
    assert done.json()["status"] == "DONE"
    assert carrier.copies.count() == 2


def test_bad_input_is_answered_in_vietnamese(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))
    client.force_login(cast.clerk)
    response = post(client, f"/api/carriers/{carrier.pk}/takeout-request/", {"purpose": "In"})
    assert response.status_code == 400
    assert "Trường này là bắt buộc." in response.json()["place"]
