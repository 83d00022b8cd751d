"""A task's lead and coordinating units are picked by typing (core/lookup.py); without the script each line
names one unit, and a line naming several is refused quoting it (P1)."""

from django.urls import reverse


def test_task_lead_units_typed_one_per_line_P1(client, cast, world):
    plan = world.department_plan(issue=False)
    client.force_login(cast.director)
    url = reverse("ops:plan-task-add", args=[plan.pk])
    page = client.get(url).content.decode()
    assert 'name="leads_text"' in page and "Giữ Ctrl" not in page
    task = {"title": "Tập huấn", "recurrence": "NONE", "due": "30/04/2026"}
    refused = client.post(url, {**task, "leads_text": "truong"}).content.decode()
    assert "đơn vị khớp «truong»: gõ thêm tên đơn vị." in refused and not plan.tasks.filter(title="Tập huấn").exists()
    client.post(url, {**task, "leads_text": f"{cast.school.name}\nnguyen trai", "coordinators_text": "khao thi"})
    added = plan.tasks.get(title="Tập huấn")
    units = {(a.unit, a.role) for a in added.assignments.all()}
    assert units == {(cast.school, "LEAD"), (world.school2, "LEAD"), (cast.exams_division, "COORDINATOR")}
