"""The cheap head-revision reader agrees with Alembic, and a current database is recognised as current."""

from alembic.script import ScriptDirectory

from medbill_desktop.storage import schema


def test_head_revision_matches_alembic() -> None:
    assert schema.head_revision() == ScriptDirectory.from_config(schema.alembic_config()).get_current_head()


def test_a_new_workstation_is_at_head(workstation) -> None:  # type: ignore[no-untyped-def]
    assert schema.current_revision(workstation.db.engine) == schema.head_revision()
