from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs


def test_outgoing_registration_takes_number_one(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    assert carrier.reg_number == 1
    assert carrier.doc_number == "1/KH-SGDĐT"
