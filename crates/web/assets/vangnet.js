// Vangnet: kleine verbeteringen bovenop pagina's die ook zonder JavaScript werken.
(function () {
  "use strict";
  // htmx-verzoeken sturen het CSRF-token van de sessie mee.
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { e.detail.headers["X-CSRF-Token"] = meta.getAttribute("content"); }
  });
  // Een live voorbeeld (de impact van een mutatie) dat de server weigert (422): toon het
  // antwoord, met de fout, in plaats van het vorige voorbeeld te laten staan. Anders staat er
  // een berekening die niet bij de velden past.
  // Alleen als het doel het voorbeeldvak is en het antwoord dat vak heeft (een algemene
  // foutpagina zou het vak anders laten verdwijnen).
  document.addEventListener("htmx:beforeSwap", function (e) {
    var doel = e.detail.target;
    if (doel && doel.id === "impact" && e.detail.xhr.status === 422 &&
        e.detail.xhr.responseText.indexOf('id="impact"') >= 0) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
  // Een formulier met fouten: zet de focus op de samenvatting, zodat schermlezers en
  // toetsenbordgebruikers direct horen wat er mis is.
  document.addEventListener("DOMContentLoaded", function () {
    var samenvatting = document.querySelector(".foutsamenvatting");
    if (samenvatting) { samenvatting.focus(); }
    // Lijsten met toetsenbordnavigatie ("Vandaag"): j/k of pijltjes naar de volgende/vorige taak.
    document.querySelectorAll("[data-toetsenlijst]").forEach(function (lijst) {
      lijst.addEventListener("keydown", function (e) {
        var omlaag = e.key === "j" || e.key === "ArrowDown";
        var omhoog = e.key === "k" || e.key === "ArrowUp";
        if (!omlaag && !omhoog) { return; }
        var links = Array.prototype.slice.call(lijst.querySelectorAll("tbody tr td:nth-child(3) a"));
        var i = links.indexOf(document.activeElement);
        if (i < 0) { return; }
        var doel = links[omlaag ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0)];
        if (doel) { e.preventDefault(); doel.focus(); }
      });
    });
    // Een notitie in wording (issue 21 punt 14) blijft in deze tab bewaard (sessionStorage: weg
    // als de tab sluit of bij uitloggen), zodat een verlopen sessie haar niet kost: na opnieuw
    // inloggen staat ze er weer. Een bevestigde notitie wist haar.
    var CONCEPT = "vangnet-concept:";
    try {
      document.querySelectorAll("[data-concept-wis]").forEach(function (m) {
        Object.keys(sessionStorage)
          .filter(function (k) { return k.indexOf(CONCEPT + m.dataset.conceptWis) === 0; })
          .forEach(function (k) { sessionStorage.removeItem(k); });
      });
      document.querySelectorAll("textarea[data-concept]").forEach(function (veld) {
        var sleutel = CONCEPT + veld.dataset.concept;
        var bewaard = sessionStorage.getItem(sleutel);
        if (bewaard && !veld.value) {
          veld.value = bewaard;
          var melding = document.createElement("p");
          melding.className = "toelichting";
          melding.setAttribute("data-testid", "concept-teruggezet");
          melding.textContent = "De notitie die nog niet was vastgelegd, is teruggezet.";
          veld.parentNode.insertBefore(melding, veld);
        }
        veld.addEventListener("input", function () {
          if (veld.value) { sessionStorage.setItem(sleutel, veld.value); } else { sessionStorage.removeItem(sleutel); }
        });
      });
      document.querySelectorAll("form[action='/uitloggen']").forEach(function (f) {
        f.addEventListener("submit", function () {
          Object.keys(sessionStorage)
            .filter(function (k) { return k.indexOf(CONCEPT) === 0; })
            .forEach(function (k) { sessionStorage.removeItem(k); });
        });
      });
    } catch (e) { /* geen opslag in deze browser: dan zonder concept */ }
    // Een bestandskeuze die een tekstveld vult (normtabellen): het bestand wordt in de browser
    // gelezen en als gewone formuliertekst verstuurd.
    document.querySelectorAll("input[type=file][data-vul]").forEach(function (kiezer) {
      kiezer.addEventListener("change", function () {
        var bestand = kiezer.files && kiezer.files[0];
        if (!bestand) { return; }
        bestand.text().then(function (tekst) {
          document.getElementById(kiezer.dataset.vul).value = tekst;
          document.getElementById(kiezer.dataset.naam).value = bestand.name;
        });
      });
    });
  });
})();
