/* The receptionist's page: talks to the JSON API of the desk (desk/app.py).
   All text from the server is set with textContent, never as HTML. */
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var TEXT = {
    failed: "Dat lukte niet: ",
    offline: "De baliepagina kan de server niet bereiken.",
    token: "Vul de baliecode in en probeer het opnieuw.",
    confirmErase: "Het hele gesprek met deze code wissen? Dit kan niet ongedaan worden gemaakt."
  };

  function getJson(path, params, body) {
    var query = new URLSearchParams(params || {});
    var token = $("token").value;
    var headers = token ? { Authorization: "Bearer " + token } : {};
    var options = { headers: headers };
    if (body) {
      headers["Content-Type"] = "application/json";
      options = { method: "POST", headers: headers, body: JSON.stringify(body) };
    }
    return fetch(path + (query.toString() ? "?" + query : ""), options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, ok: response.ok, body: body };
      });
    });
  }

  function show(target, text, isError) {
    target.textContent = text;
    target.classList.toggle("fout", !!isError);
  }

  function failure(target) {
    return function () { show(target, TEXT.offline, true); };
  }

  // --- channels: say so when WhatsApp is set up but not connected ---------------------------
  getJson("/api/kanalen").then(function (result) {
    var whatsapp = (result.body || {}).whatsapp;
    if (whatsapp && !whatsapp.verbonden && whatsapp.melding) {
      $("kanaal-melding").textContent = whatsapp.melding;
      $("kanaal-melding").hidden = false;
    }
  }, function () {});

  // --- salon ------------------------------------------------------------------------------
  var salonOut = $("salon-antwoord");
  function showAnswer(result) {
    if (!result.ok) return show(salonOut, TEXT.failed + (result.body.fout || result.status), true);
    show(salonOut, result.body.berichten.join("\n\n"));
  }
  getJson("/api/onderwerpen").then(function (result) {
    (result.body.onderwerpen || []).forEach(function (t) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "licht";
      b.textContent = t.titel;
      b.addEventListener("click", function () {
        getJson("/api/salon", { onderwerp: t.id }).then(showAnswer, failure(salonOut));
      });
      $("onderwerpen").appendChild(b);
    });
  }, failure(salonOut));
  $("salon-vraag").addEventListener("submit", function (event) {
    event.preventDefault();
    getJson("/api/salon", { vraag: $("vraag").value }).then(showAnswer, failure(salonOut));
  });

  // --- checklist --------------------------------------------------------------------------
  var checklistOut = $("checklist-uitkomst");
  getJson("/api/behandelingen").then(function (result) {
    (result.body.behandelingen || []).forEach(function (b) {
      var option = document.createElement("option");
      option.value = b.id;
      option.textContent = b.label;
      $("behandeling").appendChild(option);
    });
  }, failure(checklistOut));

  function renderChecklist(data) {
    while (checklistOut.firstChild) checklistOut.removeChild(checklistOut.firstChild);
    var title = document.createElement("h3");
    title.textContent = data.titel;
    var intro = document.createElement("p");
    intro.textContent = data.uitleg;
    var list = document.createElement("ul");
    list.className = "checklist";
    data.punten.forEach(function (punt) {
      var li = document.createElement("li");
      if (!punt.geldt) {
        li.className = "nvt";
        li.textContent = punt.omschrijving + ": " + data.geldt_niet;
        list.appendChild(li);
        return;
      }
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "punt-" + punt.id;
      var label = document.createElement("label");
      label.htmlFor = box.id;
      label.textContent = punt.omschrijving;
      var question = document.createElement("p");
      question.textContent = punt.vraag;
      var rules = document.createElement("ul");
      punt.regels.forEach(function (regel) {
        var item = document.createElement("li");
        item.textContent = regel.tekst;
        rules.appendChild(item);
      });
      li.appendChild(box);
      li.appendChild(label);
      li.appendChild(question);
      li.appendChild(rules);
      list.appendChild(li);
    });
    checklistOut.appendChild(title);
    checklistOut.appendChild(intro);
    checklistOut.appendChild(list);
  }
  $("checklist-vorm").addEventListener("submit", function (event) {
    event.preventDefault();
    getJson("/api/checklist", { behandeling: $("behandeling").value }).then(function (result) {
      if (!result.ok) return show(checklistOut, TEXT.failed + (result.body.fout || result.status), true);
      renderChecklist(result.body);
    }, failure(checklistOut));
  });

  // --- summary ----------------------------------------------------------------------------
  var summaryOut = $("samenvatting-uitkomst");
  function showResult(result) {
    if (result.status === 401) {
      $("token-veld").hidden = false;
      $("token").focus();
      return show(summaryOut, TEXT.token, true);
    }
    if (!result.ok) return show(summaryOut, result.body.fout || TEXT.failed + result.status, true);
    show(summaryOut, result.body.tekst);
  }
  $("samenvatting-vorm").addEventListener("submit", function (event) {
    event.preventDefault();
    getJson("/api/samenvatting", { code: $("code").value.trim() }).then(showResult, failure(summaryOut));
  });
  // Erasing at the customer's request: by her code, after one confirmation.
  $("wissen").addEventListener("click", function () {
    var code = $("code").value.trim();
    if (!code) return $("code").focus();
    if (!window.confirm(TEXT.confirmErase)) return;
    getJson("/api/wissen", null, { code: code }).then(showResult, failure(summaryOut));
  });
})();
