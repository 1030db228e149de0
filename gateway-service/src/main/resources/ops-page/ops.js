// Polls /ops/metrics and fills the page. Every value is written with textContent: label values come from the
// services' metrics and are never interpreted as HTML.
(function () {
  'use strict';

  var REFRESH_MS = 5000;
  var DASH = '\u2014';
  // what storage-service's stage timers measure (see its PipelineMeters)
  var STAGES = {
    outline: 'Outline (admission to outline)',
    lesson: 'Lesson (outline to lesson text)',
    picture: 'Picture (outline to picture: plan and image)',
    assembly: 'Assembly (last part to final status)'
  };

  function count(value) {
    return value === null || value === undefined ? DASH : Math.round(value).toLocaleString('en-US');
  }

  function perMinute(value) {
    return value === null || value === undefined ? DASH : value.toFixed(2) + ' /min';
  }

  function seconds(value) {
    if (value === null || value === undefined) {
      return DASH;
    }
    if (value < 1) {
      return Math.round(value * 1000) + ' ms';
    }
    if (value < 120) {
      return value.toFixed(2) + ' s';
    }
    return (value / 60).toFixed(1) + ' min';
  }

  function usd(value) {
    if (value === null || value === undefined) {
      return DASH;
    }
    return '$' + (value < 1 ? value.toFixed(4) : value.toFixed(2));
  }

  function setFigure(key, text, raw) {
    document.querySelectorAll('[data-figure="' + key + '"]').forEach(function (element) {
      element.textContent = text;
      element.classList.toggle('positive', typeof raw === 'number' && raw > 0);
    });
  }

  function cell(text, figure, numeric) {
    var td = document.createElement('td');
    td.textContent = text;
    if (figure) {
      td.setAttribute('data-figure', figure);
    }
    if (numeric) {
      td.className = 'num';
    }
    return td;
  }

  function fillRows(tbodyId, rows, columns, emptyText) {
    var tbody = document.getElementById(tbodyId);
    var fresh = document.createDocumentFragment();
    if (rows.length === 0) {
      var tr = document.createElement('tr');
      var td = cell(emptyText);
      td.colSpan = columns;
      td.className = 'empty';
      tr.appendChild(td);
      fresh.appendChild(tr);
    }
    rows.forEach(function (cells) {
      var row = document.createElement('tr');
      cells.forEach(function (c) { row.appendChild(c); });
      fresh.appendChild(row);
    });
    tbody.replaceChildren(fresh);
  }

  function latencyRow(label, key, latency) {
    var prefix = 'latency.' + key + '.';
    return [cell(label),
      cell(count(latency.count), prefix + 'count', true),
      cell(seconds(latency.p50Seconds), prefix + 'p50', true),
      cell(seconds(latency.p95Seconds), prefix + 'p95', true),
      cell(seconds(latency.meanSeconds), prefix + 'mean', true)];
  }

  function render(view) {
    var services = document.getElementById('services');
    var items = document.createDocumentFragment();
    view.services.forEach(function (service) {
      var li = document.createElement('li');
      li.className = service.up ? 'up' : 'down';
      li.setAttribute('data-service', service.name);
      li.appendChild(document.createTextNode(service.name + (service.up ? ' up' : ' unavailable')));
      if (!service.up) {
        var reason = document.createElement('span');
        reason.className = 'reason';
        reason.textContent = service.problem;
        li.appendChild(reason);
      }
      items.appendChild(li);
    });
    services.replaceChildren(items);

    var courses = view.courses || {};
    ['requested', 'completed', 'failed', 'cancelled', 'inFlight'].forEach(function (name) {
      setFigure('courses.' + name, count(courses[name]), courses[name]);
    });
    ['requestedPerMinute', 'completedPerMinute', 'failedPerMinute'].forEach(function (name) {
      setFigure('courses.' + name, perMinute(courses[name]), courses[name]);
    });
    document.getElementById('rate-window').textContent = courses.rateWindowSeconds
      ? '(over the last ' + courses.rateWindowSeconds + ' s)'
      : '(needs two readings a few seconds apart)';
    setFigure('picturesGenerated', count(view.picturesGenerated), view.picturesGenerated);

    var latencyRows = [latencyRow('Course, end to end (completed)', 'course', view.courseLatency)];
    view.stages.forEach(function (stage) {
      latencyRows.push(latencyRow('Stage: ' + (Object.prototype.hasOwnProperty.call(STAGES, stage.name)
        ? STAGES[stage.name] : stage.name), stage.name, stage));
    });
    fillRows('latency', latencyRows, 5, '');

    setFigure('llm.calls', count(view.llm.calls), view.llm.calls);
    setFigure('llm.spendUsd', usd(view.llm.spendUsd), view.llm.spendUsd);
    fillRows('llm-calls', view.llm.callsByModel.map(function (c) {
      return [cell(c.model), cell(c.type), cell(c.outcome),
        cell(count(c.count), 'llm.calls.' + c.model + '.' + c.type + '.' + c.outcome, true)];
    }), 4, 'No model calls yet');
    fillRows('llm-tokens', view.llm.tokens.map(function (t) {
      return [cell(t.model), cell(t.kind), cell(count(t.count), 'llm.tokens.' + t.model + '.' + t.kind, true)];
    }), 3, 'No tokens yet');
    fillRows('llm-spend', view.llm.spendByModel.map(function (s) {
      return [cell(s.model), cell(usd(s.usd), 'llm.spend.' + s.model, true)];
    }), 2, 'No spend yet');

    fillRows('consumer-lag', view.consumerLag.map(function (l) {
      var prefix = 'lag.' + l.service + '.' + l.group + '.';
      return [cell(l.service), cell(l.group), cell(count(l.lag), prefix + 'lag', true),
        cell(count(l.maxLag), prefix + 'max', true)];
    }), 4, 'No consumers reported');
    fillRows('dead-letters', view.deadLetters.map(function (d) {
      return [cell(d.topic), cell(count(d.count), 'deadLetters.' + d.topic, true)];
    }), 2, 'None');

    var updated = document.getElementById('last-updated');
    updated.textContent = new Date(view.collectedAt).toLocaleTimeString('en-GB');
    updated.setAttribute('datetime', view.collectedAt);
  }

  function showProblem(text) {
    var problem = document.getElementById('fetch-problem');
    problem.textContent = text;
    problem.hidden = !text;
  }

  function refresh() {
    fetch('/ops/metrics', {cache: 'no-store', headers: {'Accept': 'application/json'}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (view) {
        render(view);
        showProblem('');
      })
      .catch(function (error) {
        showProblem('Could not refresh: ' + error.message + ' (showing the last figures)');
      })
      .finally(function () {
        setTimeout(refresh, REFRESH_MS);
      });
  }

  document.getElementById('refresh-seconds').textContent = String(REFRESH_MS / 1000);
  refresh();
}());
