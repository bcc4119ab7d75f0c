// raming serve: the what-if panel, saving, downloads and tracing a figure. Plain JavaScript;
// every figure is computed and rendered by the server.
(function () {
  'use strict';
  var form = document.getElementById('watals');
  if (!form) return;
  var scenario = form.dataset.scenario;
  var resultaat = document.getElementById('resultaat');
  var statusEl = document.getElementById('watals-status');
  var tomlEl = document.getElementById('toml');
  var beginwaarden = {};
  var teller = 0;
  var wachten = null;

  function velden() {
    var o = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && !el.disabled) o[el.name] = el.value;
    });
    return o;
  }
  Array.prototype.forEach.call(form.elements, function (el) {
    if (el.name) beginwaarden[el.name] = el.value;
  });

  function status(tekst, soort) {
    statusEl.textContent = tekst;
    statusEl.className = 'status ' + (soort || '');
  }

  function wisFouten() {
    form.querySelectorAll('.veldfout').forEach(function (e) { e.remove(); });
    form.querySelectorAll('.ongeldig').forEach(function (e) {
      e.classList.remove('ongeldig');
      e.removeAttribute('aria-invalid');
    });
  }

  function toonFouten(fouten) {
    wisFouten();
    Object.keys(fouten).forEach(function (veld) {
      var el = form.querySelector('[name="' + CSS.escape(veld) + '"]');
      var plek = el;
      if (!el) {
        var rij = form.querySelector('[data-veld="' + CSS.escape(veld) + '"]');
        if (rij) {
          rij.querySelectorAll('input').forEach(function (i) { i.classList.add('ongeldig'); });
          plek = rij.closest('table');
        }
      } else {
        el.classList.add('ongeldig');
        el.setAttribute('aria-invalid', 'true');
        plek = el.closest('table') || el.closest('.schuif') || el.closest('.utrecht-form-field') || el;
      }
      var p = document.createElement('p');
      p.className = 'veldfout';
      p.setAttribute('role', 'alert');
      var label = el && el.getAttribute('aria-label') ? el.getAttribute('aria-label') + ': ' : '';
      p.textContent = label + fouten[veld];
      if (plek) plek.insertAdjacentElement('afterend', p);
      else statusEl.insertAdjacentElement('afterend', p);
    });
  }

  function markeerGewijzigd() {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name) el.classList.toggle('gewijzigd', el.value !== beginwaarden[el.name]);
    });
    var eigen = form.querySelector('[name=routeverdeling]');
    if (eigen) {
      form.querySelectorAll('#routes input').forEach(function (i) { i.readOnly = eigen.value !== 'eigen'; });
    }
  }

  function herbereken() {
    var nr = ++teller;
    status('Bezig met herberekenen…', 'bezig');
    resultaat.classList.add('verouderd');
    fetch('/api/scenario/' + encodeURIComponent(scenario) + '/bereken', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ velden: velden() })
    }).then(function (r) { return r.json(); }).then(function (j) {
      if (nr !== teller) return;
      resultaat.classList.remove('verouderd');
      if (j.ok) {
        wisFouten();
        resultaat.innerHTML = j.html;
        tomlEl.textContent = j.toml || '(nog niets gewijzigd)';
        status(j.gewijzigd && j.gewijzigd.length
          ? 'Herberekend in ' + j.ms.toFixed(0).replace('.', ',') + ' ms (server). Gewijzigd: ' + j.gewijzigd.join(', ') + '.'
          : 'Gelijk aan het opgeslagen scenario.', 'goed');
      } else if (j.fouten) {
        toonFouten(j.fouten);
        status('Niet herberekend: controleer de gemarkeerde velden. Het laatste geldige resultaat blijft staan.', 'fout');
      } else {
        status('Niet herberekend: ' + (j.fout || 'onbekende fout') + '. Het laatste geldige resultaat blijft staan.', 'fout');
      }
    }).catch(function () {
      if (nr !== teller) return;
      resultaat.classList.remove('verouderd');
      status('De server antwoordt niet; het laatste geldige resultaat blijft staan.', 'fout');
    });
  }

  form.addEventListener('input', function (e) {
    var t = e.target;
    if (t.type === 'range') {
      var doel = form.querySelector('[name="' + CSS.escape(t.dataset.voor) + '"]');
      if (doel) doel.value = String(Number(t.value)).replace('.', ',');
    } else if (t.name && t.name.indexOf('instroom.') === 0) {
      var schuif = form.querySelector('[data-voor="' + CSS.escape(t.name) + '"]');
      var x = Number(String(t.value).replace(',', '.'));
      if (schuif && !isNaN(x)) schuif.value = x;
    }
    markeerGewijzigd();
    clearTimeout(wachten);
    wachten = setTimeout(herbereken, 200);
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); });

  document.getElementById('herstel').addEventListener('click', function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name) el.value = beginwaarden[el.name];
      if (el.type === 'range') {
        var v = beginwaarden[el.dataset.voor];
        if (v !== undefined) el.value = Number(v.replace(',', '.'));
      }
    });
    markeerGewijzigd();
    herbereken();
  });
  markeerGewijzigd();

  // Save as a new scenario.
  var opslaan = document.getElementById('opslaan');
  var opslaanStatus = document.getElementById('opslaan-status');
  opslaan.addEventListener('submit', function (e) {
    e.preventDefault();
    opslaan.querySelectorAll('.veldfout').forEach(function (x) { x.remove(); });
    opslaanStatus.textContent = 'Bezig met opslaan…';
    opslaanStatus.className = 'status bezig';
    fetch('/api/scenario/' + encodeURIComponent(scenario) + '/opslaan', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        velden: velden(),
        naam: opslaan.elements.naam.value,
        omschrijving: opslaan.elements.omschrijving.value
      })
    }).then(function (r) { return r.json(); }).then(function (j) {
      if (j.ok) {
        opslaanStatus.className = 'status goed';
        opslaanStatus.textContent = '';
        var a = document.createElement('a');
        a.href = j.url;
        a.className = 'utrecht-link';
        a.id = 'opgeslagen-link';
        a.textContent = 'Opgeslagen als scenario ' + j.naam + ': openen';
        opslaanStatus.appendChild(a);
      } else if (j.fouten) {
        opslaanStatus.className = 'status fout';
        opslaanStatus.textContent = 'Niet opgeslagen: ' + Object.keys(j.fouten).map(function (k) { return j.fouten[k]; }).join('; ');
        if (!j.fouten.naam && !j.fouten.omschrijving) toonFouten(j.fouten);
      } else {
        opslaanStatus.className = 'status fout';
        opslaanStatus.textContent = 'Niet opgeslagen: ' + (j.fout || 'onbekende fout');
      }
    }).catch(function () {
      opslaanStatus.className = 'status fout';
      opslaanStatus.textContent = 'Niet opgeslagen: de server antwoordt niet.';
    });
  });

  // Downloads carry the levers as they are on screen.
  var download = document.getElementById('download');
  download.addEventListener('submit', function () {
    download.elements.velden.value = JSON.stringify(velden());
  });

  // Trace a figure: the bookings behind it.
  var dialoog = document.getElementById('spoor');
  var spoorInhoud = document.getElementById('spoor-inhoud');
  document.getElementById('spoor-sluit').addEventListener('click', function () { dialoog.close(); });
  function spoor(td) {
    spoorInhoud.textContent = 'Bezig…';
    if (!dialoog.open) dialoog.showModal();
    fetch('/api/scenario/' + encodeURIComponent(scenario) + '/spoor', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ velden: velden(), tabel: td.dataset.tabel, rij: td.dataset.rij, kolom: td.dataset.kolom })
    }).then(function (r) { return r.json(); }).then(function (j) {
      if (j.ok) spoorInhoud.innerHTML = j.html;
      else spoorInhoud.textContent = j.fout || 'Niet gevonden.';
    }).catch(function () { spoorInhoud.textContent = 'De server antwoordt niet.'; });
  }
  resultaat.addEventListener('click', function (e) {
    var td = e.target.closest('td.spoorbaar');
    if (td) spoor(td);
  });
  resultaat.addEventListener('keydown', function (e) {
    var td = e.target.closest && e.target.closest('td.spoorbaar');
    if (td && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); spoor(td); }
  });
})();

// Reading a filled-in input workbook.
(function () {
  'use strict';
  var form = document.getElementById('inlezen');
  if (!form) return;
  var uitkomst = document.getElementById('inlezen-uitkomst');
  var knop = '0';
  form.querySelectorAll('button[type=submit]').forEach(function (b) {
    b.addEventListener('click', function () { knop = b.value; });
  });
  function el(tag, klasse, tekst) {
    var e = document.createElement(tag);
    if (klasse) e.className = klasse;
    if (tekst !== undefined) e.textContent = tekst;
    return e;
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var bestand = form.elements.bestand.files[0];
    uitkomst.textContent = '';
    if (!bestand) { uitkomst.appendChild(el('p', 'status fout', 'Kies eerst een werkboek.')); return; }
    if (bestand.size > 20 * 1024 * 1024) { uitkomst.appendChild(el('p', 'status fout', 'Het bestand is groter dan 20 MB.')); return; }
    var q = new URLSearchParams({ bestand: bestand.name, opslaan: knop, naam: form.elements.naam.value,
      ouder: form.elements.ouder.value, omschrijving: form.elements.omschrijving.value });
    uitkomst.appendChild(el('p', 'status bezig', 'Bezig met controleren…'));
    fetch('/api/inlezen?' + q.toString(), { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: bestand })
      .then(function (r) {
        if (r.status === 413) return { ok: false, fout: 'het bestand is te groot (hoogstens 20 MB)' };
        return r.json();
      })
      .then(function (j) {
        uitkomst.textContent = '';
        if (j.ok) {
          var p = el('div', 'utrecht-alert utrecht-alert--ok');
          p.appendChild(el('p', 'utrecht-paragraph', 'Het werkboek is geldig: ' + j.tabellen.map(function (t) { return t[0] + ' (' + t[1] + ' rijen)'; }).join(', ') + '.'));
          if (j.url) {
            var a = el('a', 'utrecht-link', 'Opgeslagen als scenario ' + j.naam + ': openen');
            a.href = j.url;
            a.id = 'ingelezen-link';
            p.appendChild(a);
          }
          uitkomst.appendChild(p);
        } else if (j.problemen) {
          var d = el('div', 'utrecht-alert utrecht-alert--error');
          d.appendChild(el('p', 'utrecht-paragraph', 'Het werkboek klopt nog niet (' + j.problemen.length + ' ' + (j.problemen.length === 1 ? 'punt' : 'punten') + '):'));
          var per = {};
          j.problemen.forEach(function (x) { (per[x.blad] = per[x.blad] || []).push(x.melding); });
          Object.keys(per).forEach(function (blad) {
            d.appendChild(el('h3', 'utrecht-heading-3', 'Blad ' + blad));
            var ul = el('ul', 'foutenlijst');
            per[blad].forEach(function (m) { ul.appendChild(el('li', '', m)); });
            d.appendChild(ul);
          });
          uitkomst.appendChild(d);
        } else {
          uitkomst.appendChild(el('p', 'status fout', 'Niet ingelezen: ' + (j.fout || 'onbekende fout')));
        }
      })
      .catch(function () { uitkomst.textContent = ''; uitkomst.appendChild(el('p', 'status fout', 'De server antwoordt niet.')); });
  });
})();
