"""The receptionist's page (web/balie.html) in Chromium, served by the desk (desk/app.py).

The JSON API itself is tested without a browser in tests/desk/test_desk_web.py.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from bot.knowledge.salon_profile import load_profile
from channels.identity import conversation_code
from tests.desk.fakes import DESK_SENDER, DESK_TOKEN, guarded_desk


@pytest.fixture(scope="module")
def guarded_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with guarded_desk(tmp_path_factory.mktemp("balie")) as url:
        yield url


def test_balie_page_in_the_browser(new_page, guarded_web: str) -> None:
    page = new_page()
    page.goto(f"{guarded_web}/balie.html")
    page.get_by_role("button", name="Parkeren").click()
    expect(page.locator("#salon-antwoord")).to_have_text(load_profile()["parkeren"])
    page.fill("#vraag", "kan ik met creditcard betalen?")
    page.get_by_role("button", name="Antwoord").click()
    expect(page.locator("#salon-antwoord")).to_contain_text("creditcard")

    page.select_option("#behandeling", "microneedling")
    page.get_by_role("button", name="Toon checklist").click()
    expect(page.locator("#checklist-uitkomst h3")).to_have_text("Checklist contra-indicaties voor microneedling")
    expect(page.locator("#checklist-uitkomst input[type=checkbox]")).to_have_count(10)
    page.get_by_label("Gebruik van bloedverdunners").check()

    page.fill("#code", conversation_code(DESK_SENDER))
    page.get_by_role("button", name="Zoek samenvatting").click()
    expect(page.locator("#token")).to_be_visible()  # the desk token is asked for
    expect(page.locator("#token")).to_be_focused()
    page.fill("#token", DESK_TOKEN)
    page.get_by_role("button", name="Zoek samenvatting").click()
    expect(page.locator("#samenvatting-uitkomst")).to_contain_text("Signalen: wallen")
    expect(page.locator("#samenvatting-uitkomst")).to_contain_text("Huidtype: droog")

    # She asks the desk to erase her conversation: one confirmation, then it is gone.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Wis dit gesprek").click()
    expect(page.locator("#samenvatting-uitkomst")).to_contain_text("is gewist")
    page.get_by_role("button", name="Zoek samenvatting").click()
    expect(page.locator("#samenvatting-uitkomst")).to_contain_text("Geen gesprek gevonden")


def test_balie_page_shows_that_whatsapp_is_not_connected(new_page, tmp_path) -> None:
    from channels.whatsapp_status import STATUS_ENV, ConnectionStatus
    from tests.servers import running_web

    status_file = tmp_path / "whatsapp_status.json"
    ConnectionStatus(status_file).record(False, 190, 401)  # as the channel writes it for an expired token
    with running_web(tmp_path, env={STATUS_ENV: str(status_file)}) as url:
        page = new_page()
        page.goto(f"{url}/balie.html")
        notice = page.get_by_role("alert")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("WhatsApp is niet verbonden")
        expect(notice).to_contain_text("190")
        ConnectionStatus(status_file).record(True)
        page.reload()
        page.get_by_role("button", name="Parkeren").wait_for()
        expect(page.locator("#kanaal-melding")).to_be_hidden()
