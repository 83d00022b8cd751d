"""The REST API applies the same services and the same visibility (S2, R2, R23)."""

from bmnn.registry.models import Carrier
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_unauthenticated_is_refused(client, db):
    assert client.get("/api/carriers/").status_code == 401


def test_forbidden_is_exactly_like_missing_S2(client, cast):
    secret = outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk]))
    client.force_login(cast.junior)
    forbidden, missing = client.get(f"/api/carriers/{secret.pk}/"), client.get("/api/carriers/999999/")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()
    assert client.get(f"/api/carriers/{secret.pk}/history/").status_code == 404
    assert client.get("/api/carriers/").json()["count"] == 0
    assert client.get("/api/carriers/counts/").json()["level"] == []


def test_register_outgoing_and_incoming_through_the_api_R2(client, cast):
    client.force_login(cast.clerk)
    body = {
        "items": [cast.exam_logistics_item.pk],
        "doc_type": "Kế hoạch",
        "symbol": "KH-SGDĐT",
        "abstract": "Vận chuyển đề thi",
        "drafter": cast.officer.pk,
        "decision_maker": cast.director.pk,
        "recipients": "Phòng Khảo thí",
        "copies_issued": 2,
        "custodian": cast.clerk.pk,
    }
    created = post(client, "/api/carriers/outgoing/", body)
    assert created.status_code == 201 and created.json()["doc_number"] == "1/KH-SGDĐT"
    refused = post(client, "/api/carriers/outgoing/", {**body, "items": []})
    assert refused.status_code == 400
    incoming = post(
        client,
        "/api/carriers/incoming/",
        {"sender": "UBND tỉnh", "doc_number": "9/UBND-VX", "level": "MAT", "abstract": "Chỉ đạo"},
    )
    assert incoming.status_code == 201 and incoming.json()["reg_number"] == 1
    found = client.get("/api/carriers/?q=van chuyen de thi").json()
    assert [c["doc_number"] for c in found["results"]] == ["1/KH-SGDĐT"]
    refused_r18 = post(
        client,
        "/api/carriers/incoming/",
        {"sender": "UBND tỉnh", "doc_number": "10/UBND", "level": "TUYET_MAT", "abstract": "x"},
    )
    assert refused_r18.status_code in (400, 403)
    assert Carrier.objects.count() == 2


def test_handover_and_confirmation_through_the_api_R23(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    client.force_login(cast.clerk)
    handover = post(client, f"/api/carriers/{carrier.pk}/handovers/", {"to_person": cast.officer.pk})
    assert handover.status_code == 201 and handover.json()["status"] == "PENDING"
    assert post(client, f"/api/handovers/{handover.json()['id']}/confirm/", {}).status_code == 404
    client.force_login(cast.officer)
    assert [h["id"] for h in client.get("/api/handovers/awaiting/").json()] == [handover.json()["id"]]
    confirmed = post(client, f"/api/handovers/{handover.json()['id']}/confirm/", {})
    assert confirmed.json()["status"] == "CONFIRMED"
    history = client.get(f"/api/carriers/{carrier.pk}/history/").json()
    assert [e["action"] for e in history][-1] == "registry.handover.confirmed"
