"""Relabel: migrations that only change what a person reads are applied to the state alone (issue 10), and a
change that would reach the database is refused."""

import pytest
from django.db import migrations, models
from django.db.migrations.state import ModelState, ProjectState

from bmnn.core.relabel import Relabel


def _state():
    state = ProjectState()
    fields = [("id", models.AutoField(primary_key=True)), ("title", models.CharField("tiêu đề", max_length=60))]
    state.add_model(ModelState("demo", "Note", fields, options={"verbose_name": "ghi chú"}))
    return state


def test_labels_and_options_change_in_the_state():
    state = _state()
    Relabel(
        [
            migrations.AlterField("note", "title", models.CharField("note title", max_length=60)),
            migrations.AlterModelOptions("note", {"verbose_name": "note"}),
        ]
    ).state_forwards("demo", state)
    model = state.models["demo", "note"]
    assert model.fields["title"].verbose_name == "note title"
    assert model.options["verbose_name"] == "note"


@pytest.mark.parametrize(
    "field",
    [
        models.CharField("note title", max_length=61),
        models.TextField("note title"),
        models.CharField(max_length=60, null=True),
    ],
    ids=["length", "type", "null"],
)
def test_a_change_that_reaches_the_database_is_refused(field):
    state = _state()
    with pytest.raises(ValueError, match=r"demo\.note\.title"):
        Relabel([migrations.AlterField("note", "title", field)]).state_forwards("demo", state)
    assert state.models["demo", "note"].fields["title"].max_length == 60
