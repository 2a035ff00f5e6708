/*!
 * Huidbot chat widget: one script tag on a salon's website.
 *
 *   <script src="https://jouw-salon.nl/huidbot/huidbot-widget.js"
 *           data-server="https://bot.jouw-salon.nl" defer></script>
 *
 * Attributes (all optional):
 *   data-server        Rasa server with the REST channel  (default http://localhost:5005)
 *   data-css           stylesheet URL                      (default: huidbot-widget.css next to this file)
 *   data-title         name in the header                  (default "Huidbot")
 *   data-greet         payload sent when a conversation starts (default "/greet"; "" = none)
 *   data-open          "true": open the chat when the page loads
 *   data-storage-key   separate conversations for two widgets on one site
 *   data-allow-server-param   demo pages only: ?server=<url> overrides data-server
 *
 * Talks to POST <server>/webhooks/rest/webhook {"sender", "message"}.
 * Never puts message text into innerHTML: text nodes only, links built as <a>.
 * No framework, no build step.
 */
(function () {
  "use strict";

  if (window.HuidbotWidget && window.HuidbotWidget.started) return;

  // Every text of the interface (Dutch). Override with window.HuidbotConfig.texts.
  var NL = {
    launcher: "Chat met Huidbot",
    dialog: "Chat met Huidbot",
    subtitle: "Advies over je huid, geen diagnose",
    newConversation: "Nieuw gesprek",
    close: "Chat sluiten",
    log: "Gesprek",
    you: "Jij:",
    bot: "Huidbot:",
    inputLabel: "Je bericht",
    placeholder: "Typ je vraag…",
    send: "Versturen",
    typing: "Huidbot typt…",
    quickReplies: "Kies een antwoord",
    unreachable: "Huidbot is nu niet bereikbaar. Je bericht is niet verstuurd en staat nog klaar; probeer het zo opnieuw.",
    retry: "Opnieuw proberen",
    newLink: "(opent in een nieuw venster)"
  };

  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var globalConfig = window.HuidbotConfig || {};

  function isHttpUrl(value) {
    try {
      var u = new URL(value, window.location.href);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch (e) {
      return false;
    }
  }

  function serverUrl() {
    var server = globalConfig.server || data.server || "http://localhost:5005";
    if (script && script.hasAttribute("data-allow-server-param")) {
      var fromPage = new URLSearchParams(window.location.search).get("server");
      if (fromPage && isHttpUrl(fromPage)) server = fromPage;
    }
    return String(server).replace(/\/+$/, "");
  }

  function cssUrl() {
    if (globalConfig.css || data.css) return globalConfig.css || data.css;
    var src = script && script.src ? script.src : "huidbot-widget.js";
    return src.replace(/huidbot-widget(\.min)?\.js(\?.*)?$/, "huidbot-widget.css");
  }

  var config = {
    server: serverUrl(),
    css: cssUrl(),
    title: globalConfig.title || data.title || "Huidbot",
    greet: globalConfig.greet !== undefined ? globalConfig.greet : (data.greet !== undefined ? data.greet : "/greet"),
    open: String(globalConfig.open !== undefined ? globalConfig.open : data.open) === "true",
    delay: Number(globalConfig.delay !== undefined ? globalConfig.delay : 350),
    timeout: Number(globalConfig.timeout || 30000),
    texts: Object.assign({}, NL, globalConfig.texts || {})
  };
  var T = config.texts;
  var STORE = "huidbot:" + (globalConfig.storageKey || data.storageKey || config.server);
  var MAX_STORED = 200;
  var MAX_LENGTH = 1000;

  // --- storage (falls back to memory when localStorage is blocked) -----------------------
  var memory = {};
  function load() {
    var raw = null;
    try { raw = window.localStorage.getItem(STORE); } catch (e) { raw = memory[STORE] || null; }
    try {
      var state = JSON.parse(raw || "null");
      if (state && typeof state.sender === "string" && SENDER_FORM.test(state.sender) &&
          Array.isArray(state.messages)) return state;
    } catch (e) { /* a broken entry starts a new conversation */ }
    return { sender: newSender(), messages: [], open: false };
  }
  function save() {
    state.messages = state.messages.slice(-MAX_STORED);
    var raw = JSON.stringify(state);
    try { window.localStorage.setItem(STORE, raw); } catch (e) { memory[STORE] = raw; }
  }
  // "web-" + 22 url-safe random characters (132 bits): the only form the bot's REST channel accepts.
  var SENDER_FORM = /^web-[A-Za-z0-9_-]{22,64}$/;
  function newSender() {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    var bytes = new Uint8Array(22);
    window.crypto.getRandomValues(bytes);
    var id = "web-";
    for (var i = 0; i < bytes.length; i++) id += alphabet[bytes[i] & 63];
    return id;
  }

  // --- DOM helpers ------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "hidden") node.hidden = !!attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  var URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

  // Text with clickable http(s) links; everything else stays a text node.
  function richText(parent, text) {
    var rest = String(text == null ? "" : text);
    var last = 0;
    var match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(rest)) !== null) {
      var url = match[0].replace(/[.,;:!?)\]}'"]+$/, "");
      if (!url) continue;
      if (match.index > last) parent.appendChild(document.createTextNode(rest.slice(last, match.index)));
      if (isHttpUrl(url)) {
        var a = el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: url });
        a.appendChild(el("span", { "class": "hb-sr", text: " " + T.newLink }));
        parent.appendChild(a);
      } else {
        parent.appendChild(document.createTextNode(url));
      }
      last = match.index + url.length;
      URL_RE.lastIndex = last;
    }
    if (last < rest.length) parent.appendChild(document.createTextNode(rest.slice(last)));
  }

  // --- build the widget inside a shadow root (the salon's CSS cannot break it) -------------
  var state = load();
  var host = el("div", { id: "huidbot-widget" });
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var stylesheet = el("link", { rel: "stylesheet", href: config.css });

  function chatIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "22");
    svg.setAttribute("height", "22");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z");
    svg.appendChild(path);
    return svg;
  }

  var launcher = el("button", { type: "button", "class": "hb-launcher", "aria-expanded": "false", "aria-controls": "hb-panel" }, [
    chatIcon(),
    el("span", { "class": "hb-launcher-text", text: T.launcher })
  ]);

  var title = el("h2", { id: "hb-title", "class": "hb-title", text: config.title });
  var newButton = el("button", { type: "button", "class": "hb-new", text: T.newConversation });
  var closeButton = el("button", { type: "button", "class": "hb-close", "aria-label": T.close }, [
    el("span", { "aria-hidden": "true", text: "×" })
  ]);
  var header = el("div", { "class": "hb-header" }, [
    el("div", { "class": "hb-heading" }, [title, el("p", { "class": "hb-subtitle", text: T.subtitle })]),
    newButton, closeButton
  ]);

  var log = el("div", { "class": "hb-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-label": T.log, tabindex: "0" });
  var typing = el("div", { "class": "hb-typing", role: "status", hidden: true }, [
    el("span", { "class": "hb-sr", text: T.typing }),
    el("span", { "class": "hb-dot", "aria-hidden": "true" }),
    el("span", { "class": "hb-dot", "aria-hidden": "true" }),
    el("span", { "class": "hb-dot", "aria-hidden": "true" })
  ]);
  var noticeText = el("p", { "class": "hb-notice-text" });
  var retryButton = el("button", { type: "button", "class": "hb-retry", text: T.retry });
  var notice = el("div", { "class": "hb-notice", role: "alert", hidden: true }, [noticeText, retryButton]);
  // The bot's privacy notice ({"huidbot": {"melding": ...}} with its first answer), above the input.
  var privacy = el("p", { "class": "hb-privacy", hidden: true });

  var input = el("textarea", { id: "hb-input", "class": "hb-input", rows: "1", maxlength: String(MAX_LENGTH),
    placeholder: T.placeholder, autocomplete: "off" });
  var sendButton = el("button", { type: "submit", "class": "hb-send", text: T.send });
  var form = el("form", { "class": "hb-form" }, [
    el("label", { "for": "hb-input", "class": "hb-sr", text: T.inputLabel }), input, sendButton
  ]);

  var panel = el("section", { id: "hb-panel", "class": "hb-panel", role: "dialog", "aria-modal": "false",
    "aria-labelledby": "hb-title", hidden: true }, [header, log, typing, notice, privacy, form]);
  var frame = el("div", { "class": "hb-root", hidden: true }, [launcher, panel]);
  root.appendChild(stylesheet);
  root.appendChild(frame);
  // Show nothing until the stylesheet is there (no flash of unstyled widget).
  function reveal() { frame.hidden = false; }
  stylesheet.addEventListener("load", reveal);
  stylesheet.addEventListener("error", reveal);
  setTimeout(reveal, 3000);

  // --- rendering --------------------------------------------------------------------------
  function renderMessage(message) {
    var who = message.role === "user" ? "user" : "bot";
    var body = el("span", { "class": "hb-text" });
    richText(body, message.text);
    var bubble = el("p", { "class": "hb-bubble" }, [el("span", { "class": "hb-sr", text: (who === "user" ? T.you : T.bot) + " " }), body]);
    var row = el("div", { "class": "hb-msg hb-msg--" + who }, [bubble]);
    log.appendChild(row);
    return row;
  }

  function renderButtons(buttons) {
    removeButtons();
    var usable = (buttons || []).filter(function (b) { return b && b.title && b.payload; });
    if (!usable.length) return;
    var group = el("div", { "class": "hb-quick", role: "group", "aria-label": T.quickReplies });
    usable.forEach(function (b) {
      var chip = el("button", { type: "button", "class": "hb-chip", text: b.title });
      chip.addEventListener("click", function (event) {
        // The chips disappear once chosen: keep the focus in the chat (keyboard: in the input).
        (event.detail === 0 ? input : log).focus({ preventScroll: true });
        send(b.payload, b.title, { fromButton: true });
      });
      group.appendChild(chip);
    });
    log.appendChild(group);
  }

  function removeButtons() {
    var groups = log.querySelectorAll(".hb-quick");
    for (var i = 0; i < groups.length; i++) groups[i].remove();
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function renderAll() {
    while (log.firstChild) log.removeChild(log.firstChild);
    state.messages.forEach(renderMessage);
    var lastMessage = state.messages[state.messages.length - 1];
    if (lastMessage && lastMessage.role === "bot") renderButtons(lastMessage.buttons);
    scrollDown();
  }

  function renderPrivacy() {
    while (privacy.firstChild) privacy.removeChild(privacy.firstChild);
    privacy.hidden = !state.privacy;
    if (state.privacy) richText(privacy, state.privacy);
  }

  // The bot's own signals, next to the text bubbles (channels/notice.py).
  function signalOf(reply) {
    var custom = reply && reply.custom;
    return custom && typeof custom === "object" && custom.huidbot && typeof custom.huidbot === "object"
      ? custom.huidbot : null;
  }

  function lastButtons() {
    var lastMessage = state.messages[state.messages.length - 1];
    return lastMessage && lastMessage.role === "bot" ? lastMessage.buttons : null;
  }

  // --- talking to the bot -----------------------------------------------------------------
  var busy = false;
  var pending = null;
  var queue = [];  // messages sent while the bot was still answering, in order

  function wait(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  function showNotice(text) {
    noticeText.textContent = text;
    notice.hidden = false;
  }

  function post(message) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, config.timeout) : null;
    return fetch(config.server + "/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sender, message: message }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (replies) {
      if (!Array.isArray(replies)) throw new Error("unexpected answer");
      return replies;
    }).finally(function () { if (timer) clearTimeout(timer); });
  }

  // payload goes to the bot; shown (if any) becomes the user's bubble.
  function send(payload, shown, options) {
    options = options || {};
    if (!payload) return Promise.resolve(false);
    if (busy) {
      return new Promise(function (resolve) {
        queue.push({ payload: payload, shown: shown, options: options, resolve: resolve });
      });
    }
    busy = true;
    log.setAttribute("aria-busy", "true");
    notice.hidden = true;
    pending = { payload: payload, shown: shown, options: options };
    var previousButtons = lastButtons();
    var row = null;
    if (shown) {
      var message = { role: "user", text: shown };
      state.messages.push(message);
      save();
      removeButtons();
      row = renderMessage(message);
    }
    typing.hidden = false;
    scrollDown();
    return post(payload).then(function (replies) {
      pending = null;
      var chain = Promise.resolve();
      var erased = false;
      var said = [];
      replies.forEach(function (reply, i) {
        var signal = signalOf(reply);
        if (signal) {
          if (typeof signal.melding === "string") { state.privacy = signal.melding; save(); renderPrivacy(); }
          if (signal.gewist === true) erased = true;
          return;
        }
        var text = typeof reply.text === "string" ? reply.text : "";
        var buttons = Array.isArray(reply.buttons) ? reply.buttons.map(function (b) {
          return { title: String(b.title || ""), payload: String(b.payload || "") };
        }) : [];
        if (!text && !buttons.length) return;
        chain = chain.then(function () { return i === 0 ? null : wait(config.delay); }).then(function () {
          var message = { role: "bot", text: text, buttons: buttons };
          said.push(message);
          state.messages.push(message);
          save();
          removeButtons();
          renderMessage(message);
          renderButtons(buttons);
          scrollDown();
        });
      });
      return chain.then(function () {
        // Erased on her request: the stored history goes too; only the bot's confirmation stays
        // in view, and the next message starts a new conversation under a new id.
        if (erased) {
          state = { sender: newSender(), messages: said, open: true };
          save();
          renderAll();
          renderPrivacy();
        }
        return true;
      });
    }).catch(function () {
      // Undo the optimistic bubble; the message is kept for another try.
      if (shown) {
        state.messages.pop();
        save();
        if (row) row.remove();
      }
      renderButtons(previousButtons);
      if (options.fromInput && !input.value) input.value = shown;
      showNotice(T.unreachable);
      return false;
    }).then(function (ok) {
      busy = false;
      typing.hidden = true;
      log.removeAttribute("aria-busy");
      scrollDown();
      var waiting = queue.splice(0);
      if (ok && waiting.length) {
        var next = waiting.shift();
        queue = waiting.concat(queue);
        send(next.payload, next.shown, next.options).then(next.resolve);
      } else if (waiting.length) {
        // Not sent either: typed text goes back into the input, nothing is lost.
        var typed = waiting.filter(function (q) { return q.options.fromInput; }).map(function (q) { return q.shown; });
        if (typed.length) input.value = [input.value].concat(typed).filter(Boolean).join("\n");
        waiting.forEach(function (q) { q.resolve(false); });
      }
      return ok;
    });
  }

  function greet() {
    if (config.greet) return send(config.greet, null, { greeting: true });
    return Promise.resolve(true);
  }

  // --- behaviour --------------------------------------------------------------------------
  function setOpen(open, focus) {
    panel.hidden = !open;
    frame.classList.toggle("hb-is-open", open);
    launcher.setAttribute("aria-expanded", String(open));
    state.open = open;
    save();
    if (open) {
      scrollDown();
      if (focus) input.focus();
      if (!state.messages.length && !busy) greet();
    } else if (focus) {
      launcher.focus();
    }
  }

  launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
  closeButton.addEventListener("click", function () { setOpen(false, true); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); setOpen(false, true); }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    autosize();
    send(text, text, { fromInput: true }).then(function () { autosize(); });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  function autosize() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 120) + "px";
  }
  input.addEventListener("input", autosize);

  retryButton.addEventListener("click", function () {
    if (pending && pending.options.fromInput) {
      if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event("submit", { cancelable: true }));
    } else if (pending) {
      send(pending.payload, pending.shown, pending.options);
    }
  });

  newButton.addEventListener("click", function () {
    if (busy) return;
    state = { sender: newSender(), messages: [], open: true };
    save();
    notice.hidden = true;
    pending = null;
    renderAll();
    renderPrivacy();
    input.focus();
    greet();
  });

  function start() {
    renderAll();  // the history goes in before the live region is on the page: not read out again
    renderPrivacy();
    document.body.appendChild(host);
    if (state.open || config.open) setOpen(true, false);
  }

  window.HuidbotWidget = {
    started: true,
    config: config,
    open: function () { setOpen(true, true); },
    close: function () { setOpen(false, false); },
    sender: function () { return state.sender; }
  };

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
