"""Every store test runs twice: on a SQLite file and on a real PostgreSQL server.

The server comes from scripts/postgres.sh; when it cannot start, the PostgreSQL tests fail
loudly instead of skipping.
"""

import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from frontlines.store import Store

SCRIPT = Path(__file__).parents[3] / "scripts" / "postgres.sh"


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a throwaway PostgreSQL 15 server, stopped and deleted after the session."""
    started = subprocess.run(["bash", str(SCRIPT), "start"], capture_output=True, text=True, timeout=900)
    if started.returncode != 0:
        pytest.fail(f"scripts/postgres.sh could not start PostgreSQL:\n{started.stderr}", pytrace=False)
    url, directory = started.stdout.split()
    yield url
    subprocess.run(["bash", str(SCRIPT), "stop", directory], capture_output=True, check=False)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A URL to an empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield f"{server.rsplit('/', 1)[0]}/{name}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as opened:
        yield opened
