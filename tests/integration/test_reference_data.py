"""Reference data through the services on a real SQLCipher database: providers, referring providers,
facilities, payers, the fee schedule and contracted amounts; bad input refused with nothing saved; and
migration 0003 creating exactly what tables.py declares."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from front_desk_support import OFFICE, Desk, count, make_desk, valid_npi, wrong_npi

from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.fees import AllowedEntry, FeeEntry
from medbill_desktop.domain.npi import npi_check_digit
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import (
    Payer,
    PlanType,
    Provider,
    ReferringProvider,
    ReferringQualifier,
    ServiceFacility,
    Submission,
)
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import encounters, reference_data
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import schema
from medbill_desktop.storage.engine import make_engine
from medbill_desktop.storage.tables import audit_log, metadata, outbox, payers, providers, referring_providers


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def _snapshot(ws: Workstation) -> tuple[int, ...]:
    return tuple(count(ws, t) for t in (providers, referring_providers, payers, audit_log, outbox))


def test_a_provider_is_saved_listed_and_edited(desk: Desk) -> None:
    ws = desk.ws
    assert [p.display_name for p in reference_data.list_providers(ws, renders=True)] == ["Lan Nguyen, MD"]
    assert [p.display_name for p in reference_data.list_providers(ws, bills=True)] == ["Riverside Family Medicine PC"]
    edited = reference_data.save_provider(ws, replace(desk.rendering, credentials="DO", phone="217 555 0101"))
    assert reference_data.get_provider(ws, desk.rendering.id) == edited
    assert edited.phone == "2175550101" and edited.credentials == "DO"
    reference_data.set_provider_active(ws, desk.rendering.id, False)
    assert reference_data.list_providers(ws, renders=True) == []
    assert [p.id for p in reference_data.list_providers(ws, include_inactive=True, renders=True)] == [desk.rendering.id]


def test_an_npi_with_a_wrong_check_digit_is_refused_and_nothing_is_saved(desk: Desk) -> None:
    ws = desk.ws
    before = _snapshot(ws)
    bad = wrong_npi("167890123")
    with pytest.raises(DomainError) as refused:
        reference_data.save_provider(ws, Provider(npi=bad, taxonomy="207Q00000X", last_name="Park",
                                                  first_name="Min", credentials="MD"))
    assert refused.value.field == "npi"
    assert refused.value.message == (f"NPI {bad} fails its check digit (the last digit should be "
                                     f"{npi_check_digit('167890123')}); check for a typo.")
    with pytest.raises(DomainError, match="fails its check digit"):
        reference_data.save_referring_provider(ws, ReferringProvider("Stone", "Amy", bad))
    assert _snapshot(ws) == before


def test_one_provider_per_npi(desk: Desk) -> None:
    before = _snapshot(desk.ws)
    with pytest.raises(DomainError, match="already belongs to Lan Nguyen, MD") as refused:
        reference_data.save_provider(desk.ws, Provider(npi=desk.rendering.npi, taxonomy="207Q00000X",
                                                       last_name="Other", first_name="Person"))
    assert refused.value.field == "npi"
    assert _snapshot(desk.ws) == before


def test_only_a_manager_edits_reference_data(desk: Desk, sign_in_as: Callable[[Role], Actor]) -> None:
    sign_in_as(Role.BILLER)
    with pytest.raises(PermissionDenied, match="may not edit reference data"):
        reference_data.save_payer(desk.ws, Payer("Cigna", PlanType.GROUP_HEALTH_PLAN, Submission.ELECTRONIC,
                                                 edi_id="62308"))
    with pytest.raises(PermissionDenied):
        reference_data.save_fee(desk.ws, FeeEntry("99215", 25000))
    assert [p.name for p in reference_data.list_payers(desk.ws)] == ["Aetna", "Medicare Part B"]  # reading is open


def test_payers_facilities_and_referring_providers(desk: Desk) -> None:
    ws = desk.ws
    with pytest.raises(DomainError, match="Electronic claims need the payer ID") as refused:
        reference_data.save_payer(ws, Payer("Cigna", PlanType.GROUP_HEALTH_PLAN, Submission.ELECTRONIC))
    assert refused.value.field == "edi_id"
    cigna = reference_data.save_payer(ws, Payer(" Cigna  Health ", PlanType.GROUP_HEALTH_PLAN,
                                                Submission.ELECTRONIC, edi_id="62308", timely_filing_days=90,
                                                requires_referring_provider=True))
    assert reference_data.get_payer(ws, cigna.id).name == "Cigna Health"
    assert reference_data.get_payer(ws, cigna.id).requires_referring_provider

    with pytest.raises(DomainError, match="place-of-service code has 2 digits"):
        reference_data.save_facility(ws, ServiceFacility("Springfield Surgery Center", OFFICE,
                                                         place_of_service="1"))
    asc = reference_data.save_facility(ws, ServiceFacility("Springfield Surgery Center",
                                                           Address("40 Lake Rd", "Springfield", "il", "62702-1234"),
                                                           npi=valid_npi("155555555"), place_of_service="24"))
    assert reference_data.list_facilities(ws) == [asc]
    assert asc.address.state == "IL" and asc.address.zip_code == "627021234"

    ref = reference_data.save_referring_provider(ws, ReferringProvider("Stone", "Amy", valid_npi("176543210"),
                                                                       ReferringQualifier.ORDERING))
    assert reference_data.list_referring_providers(ws) == [ref]
    with pytest.raises(ServiceError, match="no longer exists"):
        reference_data.get_payer(ws, "no-such-payer")


def test_fee_schedule_fills_charges_with_modifier_prices_and_units(desk: Desk) -> None:
    ws = desk.ws
    reference_data.save_fee(ws, FeeEntry("93000", 6000))
    reference_data.save_fee(ws, FeeEntry("93000", 2000, "26"))
    assert encounters.charge_for(ws, "93000") == 6000
    assert encounters.charge_for(ws, "93000", ["26"]) == 2000
    assert encounters.charge_for(ws, "93000", ["25", "26"]) == 2000
    assert encounters.charge_for(ws, "93000", ["59"]) == 6000
    assert encounters.charge_for(ws, "j1100", [], units=4) == 3600
    assert encounters.charge_for(ws, "99999") is None
    reference_data.save_fee(ws, FeeEntry("99213", 13000))  # a new price replaces the old one
    assert encounters.charge_for(ws, "99213") == 13000
    reference_data.remove_fee(ws, "93000", "26")
    assert encounters.charge_for(ws, "93000", ["26"]) == 6000
    with pytest.raises(DomainError, match="the amount must be more than"):
        reference_data.save_fee(ws, FeeEntry("93000", 0))


def test_replacing_the_fee_schedule_is_all_or_nothing(desk: Desk) -> None:
    ws = desk.ws
    before = reference_data.list_fees(ws)
    with pytest.raises(DomainError, match=r"99213 is in the fee schedule twice \(\$100.00 and \$120.00\)"):
        reference_data.replace_fee_schedule(ws, [FeeEntry("99213", 10000), FeeEntry("99213", 12000)])
    assert reference_data.list_fees(ws) == before
    stored = reference_data.replace_fee_schedule(ws, [FeeEntry("99214", 19000), FeeEntry("36415", 1600)])
    assert reference_data.list_fees(ws) == stored == [FeeEntry("36415", 1600), FeeEntry("99214", 19000)]


def test_contracted_allowed_amounts_per_payer(desk: Desk) -> None:
    ws = desk.ws
    reference_data.save_allowed_amount(ws, AllowedEntry(desk.aetna.id, "99213", 9211))
    reference_data.save_allowed_amount(ws, AllowedEntry(desk.medicare.id, "99213", 8877))
    reference_data.save_allowed_amount(ws, AllowedEntry(desk.medicare.id, "99213", 8900))
    assert reference_data.list_allowed_amounts(ws, desk.medicare.id) == [AllowedEntry(desk.medicare.id, "99213", 8900)]
    assert len(reference_data.list_allowed_amounts(ws)) == 2
    with pytest.raises(DomainError, match="Choose the payer"):
        reference_data.save_allowed_amount(ws, AllowedEntry("no-such-payer", "99213", 100))
    reference_data.remove_allowed_amount(ws, desk.aetna.id, "99213")
    assert reference_data.list_allowed_amounts(ws, desk.aetna.id) == []


def test_migration_0003_creates_what_tables_py_declares(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.db", secrets.token_bytes(32))
    try:
        schema.upgrade(engine, "0002")
        schema.upgrade(engine)
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn, opts={"render_as_batch": True}), metadata)
            triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}
        # the FTS5 virtual tables of 0002 are not modelled in tables.py; everything else must match
        assert [d for d in diffs if "_fts" not in repr(d)] == []
        assert {"encounters_finalized_no_update", "service_lines_finalized_no_insert",
                "claim_state_history_no_delete"} <= triggers
        schema.upgrade(engine, "head")
        from alembic import command

        cfg = schema.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
        with engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert "patients" not in names and "encounters_finalized_no_update" not in names
        assert "icd10_codes" in names
    finally:
        engine.dispose()
