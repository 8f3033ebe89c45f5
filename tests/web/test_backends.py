"""The main desk flow on both store backends (SQLite file and PostgreSQL)."""

from __future__ import annotations

import pytest

from casework.web import create_app

from .desk import login, post, seed_store


@pytest.mark.postgres
def test_desk_flow_on_each_backend(store_url: str) -> None:
    ids = seed_store(store_url)
    client = create_app(store_url).test_client()
    login(client, "ana")
    response = post(
        client, "/testimonies/new", {"source": "SRC-02", "text": "Arrested in Musan in 2021.", "channel": "phone"}
    )
    assert response.status_code == 302
    assert "Arrested in Musan in 2021." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert post(client, f"/mentions/{ids['mention']}/accept").status_code == 302
    assert ids["mention"] in client.get("/review?status=accepted").get_data(as_text=True)
    assert client.get(f"/incidents/{ids['incident']}").status_code == 200
    assert client.get("/testimonies/T-9999").status_code == 404
    assert post(client, "/logout").status_code == 302
