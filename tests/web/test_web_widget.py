"""The chat widget in headless Chromium, against a scripted stand-in for Rasa's REST channel.

These tests pin the widget's own behaviour (buttons, typing indicator, reload,
"Nieuw gesprek", links, no HTML, unreachable bot, phone screen, keyboard, contrast).
test_web_demo_bot.py drives the same demo page against the real bot.
"""
from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from channels.identity import is_web_id
from tests.servers import free_port
from tests.web.conftest import FakeRasa

W = "#huidbot-widget"  # Playwright's CSS locators pierce the widget's open shadow root
BOT = f"{W} .hb-msg--bot .hb-text"    # the message itself, without the spoken "Huidbot:" label
USER = f"{W} .hb-msg--user .hb-text"
CHIP = f"{W} .hb-chip"


def open_demo(page: Any, web_url: str, server: str) -> None:
    page.goto(f"{web_url}/demo.html?server={server}")
    page.locator(f"{W} .hb-launcher").click()
    expect(page.locator(f"{W} .hb-panel")).to_be_visible()


def say(page: Any, text: str) -> None:
    page.locator(f"{W} .hb-input").fill(text)
    page.locator(f"{W} .hb-input").press("Enter")


def sender(page: Any) -> str:
    return str(page.evaluate("() => window.HuidbotWidget.sender()"))


def chat_about_bags(new_page: Any, web_url: str, server: str) -> tuple[Any, str]:
    """A page whose conversation has one exchange (wallen, with its two buttons); its sender id."""
    page = new_page()
    open_demo(page, web_url, server)
    say(page, "ik heb last van wallen")
    expect(page.locator(CHIP)).to_have_count(2)
    return page, sender(page)


VISIBLE = "e => { const c = e.cloneNode(true); c.querySelectorAll('.hb-sr').forEach(x => x.remove()); return c.textContent; }"


def texts(page: Any, selector: str) -> list[str]:
    """The message texts as shown (without the screen-reader-only extras)."""
    return page.locator(selector).evaluate_all(f"els => els.map({VISIBLE})")


def active(page: Any) -> dict[str, Any]:
    """The focused element inside the widget's shadow root (class, id, outline)."""
    return page.evaluate("""() => {
        const host = document.getElementById('huidbot-widget');
        const el = host && host.shadowRoot.activeElement;
        if (!el) return {cls: null};
        const s = getComputedStyle(el);
        return {cls: el.className, id: el.id, text: el.textContent,
                outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
    }""")


def test_demo_page_conversation_with_buttons_and_typing_indicator(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page()
    open_demo(page, web_url, fake_rasa.url)
    # Opening starts the conversation: the greeting with its quick replies.
    expect(page.locator(BOT).first).to_have_text(FakeRasa.GREETING)
    expect(page.locator(CHIP)).to_have_count(2)
    assert page.locator(f"{W} .hb-panel").get_attribute("role") == "dialog"

    fake_rasa.delay = 1.0
    say(page, "ik heb last van wallen")
    expect(page.locator(f"{W} .hb-typing")).to_be_visible()
    expect(page.locator(USER).last).to_have_text("ik heb last van wallen")
    expect(page.locator(BOT).last).to_contain_text(FakeRasa.QUESTION)
    expect(page.locator(f"{W} .hb-typing")).to_be_hidden()
    assert texts(page, BOT)[1] == FakeRasa.WALLEN
    # Only the newest answer's buttons are offered.
    expect(page.locator(CHIP)).to_have_text(["Ja, graag", "Nee, dank je"])

    fake_rasa.delay = 0
    page.locator(CHIP, has_text="Ja, graag").click()
    # The button's title is the user's bubble; its payload goes to the bot.
    expect(page.locator(USER).last).to_have_text("Ja, graag")
    expect(page.locator(BOT).last).to_contain_text("kaaklijn")
    assert fake_rasa.messages() == ["/greet", "ik heb last van wallen", "/affirm"]
    expect(page.locator(CHIP)).to_have_count(0)


def test_one_script_tag_on_another_site(new_page, fake_rasa: FakeRasa) -> None:
    page = new_page()
    page.goto(f"{fake_rasa.url}/salon.html")  # a "salon website" on another origin
    page.locator(f"{W} .hb-launcher").click()
    expect(page.locator(BOT).first).to_contain_text("testbot")
    # The stylesheet was found next to the script: the launcher is styled, fixed bottom right.
    assert page.locator(f"{W} .hb-launcher").evaluate("e => getComputedStyle(e).position") == "fixed"


def test_history_survives_a_reload_with_the_same_sender(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page()
    open_demo(page, web_url, fake_rasa.url)
    say(page, "ik heb last van wallen")
    expect(page.locator(CHIP)).to_have_text(["Ja, graag", "Nee, dank je"])
    before_users, before_bots = texts(page, USER), texts(page, BOT)

    page.reload()
    # Still open, same bubbles, and the last answer's buttons are back.
    expect(page.locator(f"{W} .hb-panel")).to_be_visible()
    expect(page.locator(USER)).to_have_count(len(before_users))
    assert texts(page, USER) == before_users and texts(page, BOT) == before_bots
    expect(page.locator(CHIP)).to_have_count(2)

    say(page, "nog een vraag")
    expect(page.locator(BOT).last).to_have_text("Dat heb ik genoteerd.")
    senders = {r["sender"] for r in fake_rasa.requests}
    assert len(senders) == 1 and next(iter(senders)).startswith("web-")


def test_messages_typed_while_the_bot_answers_are_sent_after_it(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page()
    open_demo(page, web_url, fake_rasa.url)
    expect(page.locator(BOT)).to_have_count(1)
    fake_rasa.delay = 1.0
    say(page, "ik heb last van wallen")
    say(page, "en wat kost dat?")  # the bot is still thinking
    expect(page.locator(BOT).last).to_have_text("Dat heb ik genoteerd.", timeout=15_000)
    assert fake_rasa.messages() == ["/greet", "ik heb last van wallen", "en wat kost dat?"]
    assert texts(page, USER) == ["ik heb last van wallen", "en wat kost dat?"]
    assert texts(page, BOT)[-3:] == [FakeRasa.WALLEN, FakeRasa.QUESTION, "Dat heb ik genoteerd."]

    fake_rasa.fail = True  # ... and when the bot fails meanwhile, both stay in the input
    say(page, "eerste")
    say(page, "tweede")
    expect(page.locator(f"{W} .hb-notice")).to_be_visible()
    expect(page.locator(f"{W} .hb-input")).to_have_value("eerste\ntweede")
    assert fake_rasa.messages()[-1] == "eerste"


def test_nieuw_gesprek_starts_over_with_a_new_sender(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page, old = chat_about_bags(new_page, web_url, fake_rasa.url)

    page.get_by_role("button", name="Nieuw gesprek").click()
    expect(page.locator(USER)).to_have_count(0)
    expect(page.locator(BOT)).to_have_count(1)  # a fresh greeting
    new = sender(page)
    assert new != old and fake_rasa.requests[-1] == {"sender": new, "message": "/greet"}
    page.reload()
    expect(page.locator(BOT)).to_have_count(1)
    assert sender(page) == new


def test_links_are_clickable_and_only_http(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page()
    open_demo(page, web_url, fake_rasa.url)
    say(page, "ik heb last van wallen")
    expect(page.locator(CHIP)).to_have_count(2)
    link = page.locator(f"{W} .hb-msg--bot a")
    expect(link).to_have_count(1)
    assert link.get_attribute("href") == "https://example.org/wallen"  # the full stop is not part of it
    assert link.get_attribute("target") == "_blank"
    assert set(link.get_attribute("rel").split()) == {"noopener", "noreferrer"}

    say(page, "<b>test</b>")
    expect(page.locator(BOT).last).to_contain_text("javascript:alert(1)")
    hrefs = page.locator(f"{W} .hb-log a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/wallen"]


def test_text_is_never_interpreted_as_html(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page()
    open_demo(page, web_url, fake_rasa.url)
    evil = '<img src=x onerror="window.__xssUser=1"><script>window.__xssUser=2</script>'
    say(page, evil)
    expect(page.locator(BOT).last).to_contain_text("<b>vet</b>")
    assert page.locator(USER).last.text_content() == evil
    # No element was made from either text: only the widget's own bubbles and links.
    made = page.locator(f"{W} .hb-log").evaluate(
        "log => [...log.querySelectorAll('img, script, b, a[href^=\"javascript\"]')].length")
    assert made == 0
    page.wait_for_timeout(300)
    assert page.evaluate("() => [window.__xssUser, window.__xssBot]") == [None, None]
    # ... and after a reload, from localStorage, still text.
    page.reload()
    expect(page.locator(USER).last).to_have_text(evil)
    assert page.locator(f"{W} .hb-log").evaluate("log => log.querySelectorAll('img, script, b').length") == 0


def test_unreachable_bot_is_told_in_dutch_and_the_message_is_kept(new_page, web_url: str) -> None:
    page = new_page()
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens here
    open_demo(page, web_url, closed)
    alert = page.locator(f"{W} .hb-notice")
    expect(alert).to_be_visible()  # the greeting could not be fetched
    assert alert.get_attribute("role") == "alert"

    say(page, "hallo, zijn jullie er?")
    expect(alert).to_contain_text("niet bereikbaar")
    expect(page.locator(f"{W} .hb-input")).to_have_value("hallo, zijn jullie er?")
    expect(page.locator(USER)).to_have_count(0)
    assert page.evaluate("() => localStorage.length") == 1
    stored = page.evaluate("() => JSON.parse(localStorage.getItem(localStorage.key(0))).messages")
    assert stored == []


def test_retry_after_a_server_error_sends_the_kept_message(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page()
    open_demo(page, web_url, fake_rasa.url)
    expect(page.locator(BOT)).to_have_count(1)
    fake_rasa.fail = True
    say(page, "ik heb last van wallen")
    expect(page.locator(f"{W} .hb-notice")).to_contain_text("Huidbot is nu niet bereikbaar")
    expect(page.locator(f"{W} .hb-input")).to_have_value("ik heb last van wallen")
    expect(page.locator(CHIP)).to_have_count(2)  # the greeting's buttons are still there

    fake_rasa.fail = False
    page.get_by_role("button", name="Opnieuw proberen").click()
    expect(page.locator(BOT).last).to_contain_text(FakeRasa.QUESTION)
    expect(page.locator(f"{W} .hb-notice")).to_be_hidden()
    expect(page.locator(f"{W} .hb-input")).to_have_value("")
    assert texts(page, USER) == ["ik heb last van wallen"]


def test_phone_screen_gets_a_full_screen_chat(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    page.goto(f"{web_url}/demo.html?server={fake_rasa.url}")
    page.locator(f"{W} .hb-launcher").tap()
    panel = page.locator(f"{W} .hb-panel")
    expect(panel).to_be_visible()
    say(page, "ik heb last van wallen")
    expect(page.locator(CHIP)).to_have_count(2)
    box = panel.bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 375, 667)
    expect(page.locator(f"{W} .hb-launcher")).to_be_hidden()
    # Nothing sticks out sideways; every control is a comfortable touch target.
    assert page.locator(f"{W} .hb-log").evaluate("e => e.scrollWidth <= e.clientWidth")
    for selector in (".hb-chip", ".hb-send", ".hb-close", ".hb-new", ".hb-input"):
        for b in page.locator(f"{W} {selector}").all():
            assert b.bounding_box()["height"] >= 44, selector
    page.get_by_role("button", name="Chat sluiten").tap()
    expect(page.locator(f"{W} .hb-launcher")).to_be_visible()


def test_everything_works_from_the_keyboard_with_visible_focus(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page()
    page.goto(f"{web_url}/demo.html?server={fake_rasa.url}")
    page.locator("body").click(position={"x": 5, "y": 300})
    for _ in range(25):
        page.keyboard.press("Tab")
        if "hb-launcher" in (active(page)["cls"] or ""):
            break
    focus = active(page)
    assert "hb-launcher" in focus["cls"], "the launcher is not reachable with Tab"
    assert focus["outline"] != "none" and focus["width"] >= 2

    page.keyboard.press("Enter")
    expect(page.locator(f"{W} .hb-panel")).to_be_visible()
    assert active(page)["id"] == "hb-input"
    expect(page.locator(CHIP)).to_have_count(2)
    page.keyboard.type("ik heb last van wallen")
    page.keyboard.press("Enter")
    expect(page.locator(CHIP)).to_have_text(["Ja, graag", "Nee, dank je"])

    seen = set()
    for _ in range(12):  # walk backwards through the panel: chips, log, header buttons
        page.keyboard.press("Shift+Tab")
        focus = active(page)
        cls = focus["cls"] or ""
        seen.add(cls.split()[0] if cls else "")
        if cls:
            assert focus["outline"] != "none" and focus["width"] >= 2, f"no visible focus on {cls}"
        if "hb-new" in cls:
            break
    assert {"hb-chip", "hb-log", "hb-close", "hb-new"} <= seen

    for _ in range(6):  # forward again to the first quick reply and choose it
        page.keyboard.press("Tab")
        if (active(page)["cls"] or "").startswith("hb-chip"):
            break
    assert active(page)["text"] == "Ja, graag"
    page.keyboard.press("Enter")
    expect(page.locator(USER).last).to_have_text("Ja, graag")

    page.keyboard.press("Escape")
    expect(page.locator(f"{W} .hb-panel")).to_be_hidden()
    assert "hb-launcher" in active(page)["cls"]


def test_new_messages_are_announced(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page()
    open_demo(page, web_url, fake_rasa.url)
    say(page, "ik heb last van wallen")
    expect(page.locator(CHIP)).to_have_count(2)
    log = page.locator(f"{W} .hb-log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    assert page.locator(f"{W} .hb-typing").get_attribute("role") == "status"
    # Every bubble sits inside the live region and says who is talking.
    assert page.locator(f"{W} .hb-log .hb-bubble").count() == page.locator(f"{W} .hb-bubble").count() == 4
    speakers = page.locator(f"{W} .hb-bubble > .hb-sr").evaluate_all("els => els.map(e => e.textContent.trim())")
    assert speakers == ["Huidbot:", "Jij:", "Huidbot:", "Huidbot:"]
    assert page.locator(f"{W} .hb-input").evaluate("e => e.labels[0].textContent") == "Je bericht"
    assert page.get_by_role("button", name="Chat sluiten").is_visible()


CONTRAST_JS = """
() => {
  const root = document.getElementById('huidbot-widget').shadowRoot;
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                     return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const background = el => {
    for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const out = {};
  const pairs = {
    bot: '.hb-msg--bot .hb-bubble', user: '.hb-msg--user .hb-bubble', link: '.hb-msg--bot a',
    chip: '.hb-chip', launcher: '.hb-launcher', title: '.hb-title', subtitle: '.hb-subtitle',
    newButton: '.hb-new', send: '.hb-send', input: '.hb-input',
  };
  for (const [name, sel] of Object.entries(pairs)) {
    const el = root.querySelector(sel);
    if (el) out[name] = ratio(parse(getComputedStyle(el).color), background(el));
  }
  const input = root.querySelector('.hb-input');
  out.placeholder = ratio(parse(getComputedStyle(input, '::placeholder').color), background(input));
  out.inputBorder = ratio(parse(getComputedStyle(input).borderTopColor), background(input.parentElement));
  out.chipBorder = ratio(parse(getComputedStyle(root.querySelector('.hb-chip')).borderTopColor), background(root.querySelector('.hb-log')));
  return out;
}
"""


def test_colours_have_sufficient_contrast(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page()
    open_demo(page, web_url, fake_rasa.url)
    say(page, "ik heb last van wallen")
    expect(page.locator(CHIP)).to_have_count(2)
    ratios = page.evaluate(CONTRAST_JS)
    text = {k: v for k, v in ratios.items() if not k.endswith("Border")}
    assert len(text) == 11, ratios
    low = {k: round(v, 2) for k, v in text.items() if v < 4.5}
    assert not low, f"text below WCAG AA 4.5:1: {low}"
    assert ratios["inputBorder"] >= 3 and ratios["chipBorder"] >= 3, ratios

    page.locator(f"{W} .hb-notice").evaluate("e => e.hidden = false")
    notice = page.locator(f"{W} .hb-notice-text").evaluate(
        """e => { const p = c => c.match(/[\\d.]+/g).map(Number);
                  const l = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                                             return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
                  const a = l(p(getComputedStyle(e).color)), b = l(p(getComputedStyle(e.parentElement).backgroundColor));
                  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }""")
    assert notice >= 4.5


def test_the_sender_id_is_web_and_random(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    ids = set()
    for _ in range(2):
        page = new_page()
        open_demo(page, web_url, fake_rasa.url)
        expect(page.locator(BOT)).to_have_count(1)
        ids.add(sender(page))
        page.close()
    assert len(ids) == 2 and all(re.fullmatch(r"web-[A-Za-z0-9_-]{22}", i) for i in ids), ids
    assert all(is_web_id(i) for i in ids)  # the form the bot's REST channel accepts


def test_the_privacy_notice_stands_above_the_input(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page = new_page()
    open_demo(page, web_url, fake_rasa.url)
    notice = page.locator(f"{W} .hb-privacy")
    expect(notice).to_contain_text("dit gesprek blijft 30 dagen bewaard")
    expect(page.locator(BOT)).to_have_count(1)  # not a chat bubble
    assert notice.evaluate("e => e.nextElementSibling.classList.contains('hb-form')")
    assert notice.locator("a").get_attribute("href") == "https://example.org/privacy"
    page.reload()
    expect(notice).to_contain_text("dit gesprek blijft 30 dagen bewaard")


def test_an_erased_conversation_leaves_no_stored_history(new_page, web_url: str, fake_rasa: FakeRasa) -> None:
    page, old = chat_about_bags(new_page, web_url, fake_rasa.url)

    say(page, "wis alles nu")
    expect(page.locator(BOT)).to_have_text([FakeRasa.ERASED])  # only the confirmation stays in view
    expect(page.locator(USER)).to_have_count(0)
    stored = page.evaluate("() => JSON.stringify(Object.assign({}, window.localStorage))")
    assert "wallen" not in stored and old not in stored
    new = sender(page)
    assert new != old and is_web_id(new)
    page.reload()
    expect(page.locator(BOT)).to_have_text([FakeRasa.ERASED])
    say(page, "hoi")
    expect(page.locator(BOT).last).to_have_text("Dat heb ik genoteerd.")
    assert fake_rasa.requests[-1]["sender"] == new
