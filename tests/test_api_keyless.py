"""A server started without ONRECORD_API_KEY takes no writes (in-process: no extraction is reached)."""

from fastapi.testclient import TestClient

from onrecord.api import create_app
from onrecord.store import Store


def test_writes_are_off_without_a_key(tmp_path):
    client = TestClient(create_app(Store(tmp_path / "empty.db"), api_key=None))
    response = client.post(
        "/api/extract", json={"text": "Ann Chen said so.", "store": True}, headers={"X-API-Key": "x"}
    )
    assert response.status_code == 403 and "ONRECORD_API_KEY" in response.json()["error"]


def test_an_empty_store_serves_every_list(tmp_path):
    client = TestClient(create_app(Store(tmp_path / "empty.db")))
    for path in (
        "/api",
        "/api/articles",
        "/api/statements?q=anything",
        "/api/speakers",
        "/",
        "/search?q=x&since=",
    ):
        assert client.get(path).status_code == 200, path
    assert client.get("/api/statements").json() == {"statements": [], "next": None}
