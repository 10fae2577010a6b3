"""SQLite specifics: one WAL file with foreign keys and a busy timeout; clear errors; URL forms."""

import pytest
from sqlalchemy import inspect

from frontlines.errors import StoreError
from frontlines.settings import database_url
from frontlines.store import Store


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    with Store.open(database_url(str(tmp_path / "x.db"))) as store, store.engine.connect() as conn:
        pragmas = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                   for name in ("journal_mode", "foreign_keys", "busy_timeout")}
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30000}
    assert (tmp_path / "x.db").is_file()


def test_an_unopenable_path_is_a_store_error_naming_it(tmp_path):
    with pytest.raises(StoreError, match="missing/x.db"):
        Store.open(database_url(str(tmp_path / "missing" / "x.db")))


def test_a_malformed_url_is_a_store_error():
    with pytest.raises(StoreError, match="not a database URL"):
        Store.open("nosuchdialect://x")


@pytest.mark.postgres
def test_a_plain_postgresql_url_uses_psycopg(postgres_server):
    plain = postgres_server.replace("postgresql+psycopg://", "postgresql://")
    with Store.open(plain) as store:
        assert store.engine.url.drivername == "postgresql+psycopg"
        assert "documents" in inspect(store.engine).get_table_names()
