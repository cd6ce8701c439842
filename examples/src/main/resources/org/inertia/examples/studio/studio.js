// The studio's page: draws what the server's API returns. No optimizer math here — the paths come from
// /api/trace, which runs the trace command itself.
'use strict';

const studio = {
  runsChart: null, accuracyChart: null, lrChart: null, surfaceChart: null, traceLossChart: null,
  selected: new Set(), steps: {}, epochs: {}, layers: {}, confusion: {}, start: null, surface: null,
  lastQuery: null, lastTrace: null, redraws: 0, requested: 0,
};
window.studio = studio;

const COLOURS = {sgd: '#7f7f7f', momentum: '#1f77b4', nesterov: '#d62728', rmsprop: '#2ca02c', adam: '#9467bd',
  adamw: '#8c564b'};

function $(id) { return document.getElementById(id); }

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) { throw new Error(await r.text()); }
  return r.json();
}

// ---------------------------------------------------------------- runs

function lineChart(el, title, yName) {
  const chart = echarts.init(el);
  chart.setOption({animation: false, title: {text: title, left: 'center', textStyle: {fontSize: 13}}, tooltip: {trigger: 'axis'},
    legend: {type: 'scroll', top: 20}, grid: {top: 60, left: 60, right: 20, bottom: 30},
    xAxis: {type: 'value', name: 'step'}, yAxis: {type: 'value', name: yName, scale: true}, series: []});
  return chart;
}

function smooth(values, weight) {
  let last = null;
  return values.map(([x, y]) => { last = last === null ? y : weight * last + (1 - weight) * y; return [x, last]; });
}

function drawRuns() {
  const loss = [], accuracy = [], lr = [], epochs = [], epochLoss = [];
  for (const name of studio.selected) {
    const s = studio.steps[name];
    if (!s) { continue; }
    const col = c => s.columns.indexOf(c);
    const points = c => s.rows.filter(r => r[col(c)] !== null).map(r => [r[0], r[col(c)]]);
    loss.push({name: name + ' (raw)', type: 'line', showSymbol: false, data: points('loss'), lineStyle: {opacity: 0.3}});
    loss.push({name: name, type: 'line', showSymbol: false, data: smooth(points('loss'), 0.9)});
    accuracy.push({name: name, type: 'line', showSymbol: false, data: smooth(points('accuracy'), 0.9)});
    lr.push({name: name + ' lr', type: 'line', showSymbol: false, data: points('lr')});
    if (s.rows.some(r => r[col('momentum')] !== null)) {
      lr.push({name: name + ' momentum', type: 'line', showSymbol: false, yAxisIndex: 1, lineStyle: {type: 'dashed'},
        data: points('momentum')});
    }
    const e = studio.epochs[name];
    if (e) {
      const ecol = c => e.columns.indexOf(c);
      epochs.push({name: name + ' test accuracy', type: 'line', data: e.rows.map(r => [r[0], r[ecol('test_accuracy')]])});
      epochs.push({name: name + ' train accuracy', type: 'line', lineStyle: {type: 'dashed'},
        data: e.rows.map(r => [r[0], r[ecol('train_accuracy')]])});
      epochLoss.push({name: name + ' test loss', type: 'line', data: e.rows.map(r => [r[0], r[ecol('test_loss')]])});
      epochLoss.push({name: name + ' train loss', type: 'line', lineStyle: {type: 'dashed'},
        data: e.rows.map(r => [r[0], r[ecol('train_loss')]])});
    }
  }
  studio.runsChart.setOption({series: loss}, {replaceMerge: ['series']});
  studio.accuracyChart.setOption({series: accuracy}, {replaceMerge: ['series']});
  studio.lrChart.setOption({series: lr}, {replaceMerge: ['series']});
  studio.epochsChart.setOption({series: epochs}, {replaceMerge: ['series']});
  studio.epochLossChart.setOption({series: epochLoss}, {replaceMerge: ['series']});
  drawLayers();
  drawConfusion();
}

// The parameter names in a layers table's columns (NAME/METRIC), in the model's order.
function parameterNames(table) {
  return [...new Set(table.columns.slice(1).map(c => c.substring(0, c.lastIndexOf('/'))))];
}

function drawLayers() {
  const ratio = [], norms = [], alignment = [];
  const chosen = $('layer').value;
  const names = new Set();
  const several = studio.selected.size > 1;
  for (const run of studio.selected) {
    const t = studio.layers[run];
    if (!t || t.columns.length === 0) { continue; }
    for (const p of parameterNames(t)) {
      names.add(p);
      if (chosen !== '' && p !== chosen) { continue; }
      const series = metric => {
        const c = t.columns.indexOf(p + '/' + metric);
        return t.rows.filter(r => r[c] !== null).map(r => [r[0], r[c]]);
      };
      const label = several ? run + ' ' + p : p;
      ratio.push({name: label, type: 'line', showSymbol: false, data: series('log10_update_ratio')});
      norms.push({name: label + ' ‖g‖', type: 'line', showSymbol: false, data: series('grad_norm')});
      const v = series('velocity_norm');
      if (v.length > 0) {
        norms.push({name: label + ' ‖v‖', type: 'line', showSymbol: false, lineStyle: {type: 'dashed'}, data: v});
      }
      alignment.push({name: label, type: 'line', showSymbol: false, data: series('cos_grad_velocity')});
    }
  }
  const select = $('layer');
  for (const n of names) {
    if (![...select.options].some(o => o.value === n)) { select.append(new Option(n, n)); }
  }
  studio.ratioChart.setOption({series: ratio}, {replaceMerge: ['series']});
  studio.normsChart.setOption({series: norms}, {replaceMerge: ['series']});
  studio.alignmentChart.setOption({series: alignment}, {replaceMerge: ['series']});
}

function drawConfusion() {
  const runSelect = $('confusion-run');
  const runs = [...studio.selected];
  if ([...runSelect.options].map(o => o.value).join() !== runs.join()) {
    const keep = runSelect.value;
    runSelect.replaceChildren(...runs.map(r => new Option(r, r)));
    if (runs.includes(keep)) { runSelect.value = keep; }
  }
  const t = studio.confusion[runSelect.value];
  const epochSelect = $('confusion-epoch');
  const epochs = t ? [...new Set(t.rows.map(r => r[0]))] : [];
  if ([...epochSelect.options].map(o => o.value).join() !== epochs.join()) {
    const latest = epochSelect.value === '' || epochSelect.value === epochSelect.options[epochSelect.options.length - 1]?.value;
    const keep = epochSelect.value;
    epochSelect.replaceChildren(...epochs.map(e => new Option(e, e)));
    epochSelect.value = latest || !epochs.includes(Number(keep)) ? String(epochs[epochs.length - 1] ?? '') : keep;
  }
  const epoch = Number(epochSelect.value);
  const rows = t ? t.rows.filter(r => r[0] === epoch) : [];
  const k = rows.length;
  const cells = [];
  for (const r of rows) {
    const total = r.slice(2).reduce((a, b) => a + b, 0);
    // Colour by the share of the actual class (so small classes show their mistakes); label with the count.
    r.slice(2).forEach((count, predicted) => cells.push([predicted, r[1], total === 0 ? 0 : count / total, count]));
  }
  const classes = [...Array(k).keys()].map(String);
  studio.confusionChart.setOption({animation: false,
    title: {text: t ? `${runSelect.value}, epoch ${epoch}: rows actual, columns predicted` : 'no confusion matrix yet',
      left: 'center', textStyle: {fontSize: 13}},
    tooltip: {formatter: p => `actual ${p.value[1]}, predicted ${p.value[0]}: ${p.value[3]}`},
    grid: {top: 40, left: 50, right: 20, bottom: 40},
    xAxis: {type: 'category', data: classes, name: 'predicted'},
    yAxis: {type: 'category', data: classes, name: 'actual', inverse: true},
    visualMap: {show: false, min: 0, max: 1, dimension: 2, inRange: {color: ['#ffffff', '#fdd49e', '#d7301f', '#7f0000']}},
    series: [{type: 'heatmap', data: cells, label: {show: true, fontSize: 10, formatter: p => p.value[3]}}]},
    {replaceMerge: ['series']});
}

async function refreshRuns() {
  const runs = await getJson('/api/runs');
  const list = $('run-list');
  for (const run of runs) {
    if (!document.querySelector(`#run-list input[value="${CSS.escape(run.name)}"]`)) {
      const li = document.createElement('li');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = run.name;
      box.addEventListener('change', () => { if (box.checked) { studio.selected.add(run.name); } else {
        studio.selected.delete(run.name); } pollSteps(); });
      const label = document.createElement('label');
      const about = run.config ? ` — ${run.config.model}, ${run.config.optimizer}` : '';   // a library run has none
      label.append(box, ` ${run.name}${about}`);
      const status = document.createElement('span');
      status.className = 'status';
      label.append(status);
      const details = document.createElement('details');
      details.append(Object.assign(document.createElement('summary'), {textContent: 'config and summary'}),
        document.createElement('table'));
      li.append(label, details);
      list.append(li);
      if (studio.selected.size === 0) { box.checked = true; studio.selected.add(run.name); }
    }
    showRun(run);
  }
}

// A run's line: its accuracy once it has a summary; its config and summary as a table (a summary appears
// when the run ends, so this is redrawn on every poll).
function showRun(run) {
  const li = document.querySelector(`#run-list input[value="${CSS.escape(run.name)}"]`).closest('li');
  li.querySelector('.status').textContent = run.summary && run.summary.test_accuracy !== undefined
    ? `, ${(100 * run.summary.test_accuracy).toFixed(2)}%` : run.config && !run.summary ? ' (training)' : '';
  const rows = [];
  for (const [part, values] of [['config', run.config], ['summary', run.summary]]) {
    for (const [key, value] of Object.entries(values || {})) {
      const tr = document.createElement('tr');
      tr.append(Object.assign(document.createElement('th'), {textContent: key}),
        Object.assign(document.createElement('td'), {textContent: typeof value === 'object' ? JSON.stringify(value)
          : String(value)}));
      tr.title = part;
      rows.push(tr);
    }
  }
  const table = li.querySelector('table');
  if (table.rows.length !== rows.length || table.textContent !== rows.map(r => r.textContent).join('')) {
    table.replaceChildren(...rows);
  }
}

// A growing table: asks only for the rows after the last one held, and starts over when the file was cut
// back (a resumed run drops the steps after its checkpoint) or changed its columns.
async function grow(tables, name, which) {
  const held = tables[name];
  const since = held && held.rows.length > 0 ? held.rows[held.rows.length - 1][0] : null;
  const url = '/api/runs/' + encodeURIComponent(name) + '/' + which;
  const fresh = await getJson(since === null ? url : url + '?since=' + since);
  if (since === null || fresh.last === null || fresh.last < since
      || fresh.columns.join() !== held.columns.join()) {
    tables[name] = since === null ? fresh : await getJson(url);
  } else {
    held.rows.push(...fresh.rows);
  }
}

async function pollSteps() {
  for (const name of studio.selected) {
    await grow(studio.steps, name, 'steps');
    await grow(studio.layers, name, 'layers');
    studio.epochs[name] = await getJson('/api/runs/' + encodeURIComponent(name) + '/epochs');
    studio.confusion[name] = await getJson('/api/runs/' + encodeURIComponent(name) + '/confusion');
  }
  drawRuns();
}

// ---------------------------------------------------------------- playground

// Options with their own control above; every other trace option gets a generated field.
const DEDICATED = new Set(['function', 'condition', 'optimizer', 'lr', 'momentum', 'beta1', 'beta2', 'alpha', 'steps',
  'start']);
const SLIDERS = ['momentum', 'beta1', 'beta2', 'alpha'];

function ticked() { return [...document.querySelectorAll('#optimizers input:checked')].map(b => b.value); }

// An optimizer hyperparameter applies when a ticked optimizer has it; other options always apply.
function applies(name) {
  const o = studio.options[name];
  return !o || Object.keys(o.defaults).length === 0 || ticked().some(k => k in o.defaults);
}

function kappa(slider) { return Number(Math.pow(10, Number($(slider).value)).toPrecision(3)); }

async function loadTraceOptions() {
  const list = await getJson('/api/trace/options');
  studio.options = Object.fromEntries(list.map(o => [o.name, o]));
  // Sliders start at the library's defaults, as the command does without the flag.
  $('momentum').value = studio.options.momentum.defaults.momentum;
  $('beta1').value = studio.options.beta1.defaults.adam;
  $('beta2').value = studio.options.beta2.defaults.adam;
  $('alpha').value = studio.options.alpha.defaults.rmsprop;
  $('condition').value = $('m-condition').value = Math.log10(Number(studio.options.condition.defaultValue));
  const fields = $('option-fields');
  for (const o of list.filter(o => !DEDICATED.has(o.name))) {
    const label = document.createElement('label');
    label.className = 'option';
    label.dataset.flag = o.name;
    label.title = o.description;
    let input;
    if (o.flag) {
      input = document.createElement('input');
      input.type = 'checkbox';
      label.append(input, ' --' + o.name);
    } else if (o.choices.length > 0) {
      input = document.createElement('select');
      const byDefault = document.createElement('option');
      byDefault.value = '';
      byDefault.textContent = 'default' + (o.defaultValue ? ` (${o.defaultValue})` : '');
      input.append(byDefault, ...o.choices.map(c => Object.assign(document.createElement('option'), {value: c, textContent: c})));
      label.append('--' + o.name + ' ', input);
    } else {
      input = document.createElement('input');
      input.type = 'text';
      input.size = 10;
      input.placeholder = o.defaultValue !== null ? o.defaultValue
        : Object.entries(o.defaults).map(([k, v]) => `${k} ${v}`).join(', ') || o.label;
      label.append('--' + o.name + ' ', input);
    }
    input.id = 'opt-' + o.name;
    input.addEventListener(o.flag || o.choices.length > 0 ? 'change' : 'input', drawTrace);
    fields.append(label);
  }
}

// Greys out what the ticked optimizers do not have (the command would refuse it).
function markApplicable() {
  for (const label of document.querySelectorAll('[data-flag]')) {
    const on = applies(label.dataset.flag);
    label.classList.toggle('off', !on);
    label.querySelector('input, select').disabled = !on;
  }
}

function traceQuery() {
  markApplicable();
  const lr = Math.pow(10, Number($('lr').value));
  $('lr-value').textContent = lr.toPrecision(3);
  const quadratic = $('function').value === 'quadratic';
  $('condition-control').hidden = !quadratic;
  $('condition-value').textContent = kappa('condition');
  const p = new URLSearchParams({function: $('function').value});
  if (quadratic) { p.set('condition', String(kappa('condition'))); }
  p.set('optimizer', ticked().join(','));
  p.set('lr', lr.toPrecision(6));
  for (const name of SLIDERS) {
    const decimals = ($(name).step.split('.')[1] || '').length;    // as many as the slider moves by
    $(name + '-value').textContent = Number($(name).value).toFixed(decimals);
    if (applies(name)) { p.set(name, $(name).value); }
  }
  p.set('steps', $('steps').value);
  if ($('start').value.trim() !== '') { p.set('start', $('start').value.trim()); }
  for (const field of document.querySelectorAll('#option-fields [id^="opt-"]')) {
    const name = field.id.substring(4);
    if (field.disabled) { continue; }
    if (field.type === 'checkbox') {
      if (field.checked) { p.append(name, ''); }
    } else if (field.value.trim() !== '') {
      p.set(name, field.value.trim());
    }
  }
  const query = p.toString().replace(/=(?=&|$)/g, '');          // on/off flags carry no value
  $('trace-command').textContent = './inertia trace ' + [...p.entries()].map(([k, v]) =>
    '--' + k + (v === '' ? '' : ' ' + v)).join(' ');
  return query;
}

function parseTrace(csv) {
  const lines = csv.trim().split('\n');
  const header = lines[0].split(',');
  const several = header[0] === 'optimizer';
  const paths = {};
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const name = several ? cells[0] : ticked()[0];
    const [step, x, y, loss] = cells.slice(several ? 1 : 0).map(Number);
    (paths[name] = paths[name] || []).push({step, x, y, loss});
  }
  return paths;
}

async function drawSurface() {
  const f = $('function').value;
  studio.surface = await getJson('/api/surface?function=' + encodeURIComponent(f)
    + (f === 'quadratic' ? '&condition=' + kappa('condition') : ''));
  const s = studio.surface;
  const max = Math.max(...s.cells.map(c => c[2]));
  // One rectangle per grid cell, sized to tile the plotting area (grid: 50 px left, 20 right, 20 top, 40 bottom).
  const cell = [(studio.surfaceChart.getWidth() - 70) / (s.points - 1) + 1,
    (studio.surfaceChart.getHeight() - 60) / (s.points - 1) + 1];
  studio.surfaceChart.setOption({
    animation: false, tooltip: {}, grid: {top: 20, left: 50, right: 20, bottom: 40},
    xAxis: {type: 'value', min: s.range[0], max: s.range[1]}, yAxis: {type: 'value', min: s.range[2], max: s.range[3]},
    visualMap: {show: false, min: 0, max: max, seriesIndex: 0, inRange: {color: ['#f7fbff', '#6baed6', '#08306b']}},
    series: [{type: 'scatter', symbol: 'rect', symbolSize: cell, data: s.cells, silent: true, z: 1, progressive: 0}],
  }, {notMerge: true});
}

async function drawTrace() {
  const query = traceQuery();
  const ticket = ++studio.requested;            // only the latest request is drawn
  const r = await fetch('/api/trace?' + query);
  const text = await r.text();
  if (ticket !== studio.requested) { return; }
  if (!r.ok) { $('trace-error').textContent = text; return; }
  $('trace-error').textContent = '';
  studio.lastQuery = query;
  studio.lastTrace = text;
  const paths = parseTrace(text);
  const series = [studio.surfaceChart.getOption().series[0]];
  const losses = [];
  for (const [name, points] of Object.entries(paths)) {
    const colour = COLOURS[name.split(' ')[0]] || '#000';
    series.push({name, type: 'line', zlevel: 1, showSymbol: false, lineStyle: {color: colour, width: 2.5},
      itemStyle: {color: colour},
      data: points.map(p => [p.x, p.y])});
    losses.push({name, type: 'line', showSymbol: false, lineStyle: {color: colour}, itemStyle: {color: colour},
      data: points.map(p => [p.step, Math.max(p.loss, 1e-12)])});
  }
  studio.surfaceChart.setOption({legend: {top: 0}, series}, {replaceMerge: ['series']});
  studio.traceLossChart.setOption({animation: false, title: {text: 'loss per step', left: 'center', textStyle: {fontSize: 13}},
    tooltip: {trigger: 'axis'}, grid: {top: 30, left: 60, right: 20, bottom: 30}, xAxis: {type: 'value'},
    yAxis: {type: 'log'}, series: losses}, {replaceMerge: ['series']});
  studio.redraws++;
}

function wirePlayground() {
  studio.surfaceChart.getZr().on('click', e => {
    const [x, y] = studio.surfaceChart.convertFromPixel({gridIndex: 0}, [e.offsetX, e.offsetY]);
    const r = studio.surface.range;
    if (x >= r[0] && x <= r[1] && y >= r[2] && y <= r[3]) {
      studio.start = [x, y];
      $('start').value = x.toPrecision(4) + ',' + y.toPrecision(4);
      drawTrace();
    }
  });
  for (const id of ['lr', 'steps', ...SLIDERS]) { $(id).addEventListener('input', drawTrace); }
  $('start').addEventListener('change', () => { studio.start = $('start').value.split(',').map(Number); drawTrace(); });
  $('condition').addEventListener('change', async () => { await drawSurface(); drawTrace(); });
  $('condition').addEventListener('input', () => { $('condition-value').textContent = kappa('condition'); });
  document.querySelectorAll('#optimizers input').forEach(b => b.addEventListener('change', drawTrace));
  $('function').addEventListener('change', async () => {
    studio.start = null;
    $('start').value = '';
    traceQuery();
    await drawSurface();
    drawTrace();
  });
  $('tab-playground').addEventListener('click', async () => { await drawSurface(); drawTrace(); });   // sized now
}

// ---------------------------------------------------------------- why momentum works

async function drawMomentum(optimal) {
  let query = `steps=200&condition=${kappa('m-condition')}`;
  if (!optimal) {
    query += `&lr=${Math.pow(10, Number($('m-lr').value)).toPrecision(6)}&momentum=${$('m-momentum').value}`;
  }
  const ticket = studio.momentumRequested = (studio.momentumRequested || 0) + 1;   // only the latest is drawn
  const m = await getJson('/api/momentum?' + query);
  if (ticket !== studio.momentumRequested) { return; }
  studio.momentum = m;
  if (optimal) {
    $('m-lr').value = Math.log10(m.lr);
    $('m-momentum').value = m.momentum;
  }
  $('m-lr-value').textContent = m.lr.toPrecision(3);
  $('m-momentum-value').textContent = m.momentum.toFixed(2);
  $('m-kappa').textContent = m.condition;
  $('m-condition-value').textContent = m.condition;
  $('m-function').textContent = 'f = ' + m.function;
  $('m-eta-star').textContent = m.optimal_lr.toPrecision(4);
  $('m-beta-star').textContent = m.optimal_momentum.toPrecision(4);
  const body = document.querySelector('#m-rates tbody');
  body.replaceChildren(...m.directions.map(d => {
    const tr = document.createElement('tr');
    for (const v of [d.axis, d.eigenvalue, d.predicted_rate.toFixed(4),
      d.measured_rate === null ? '—' : d.measured_rate.toFixed(4)]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.append(td);
    }
    return tr;
  }));
  const series = [];
  for (const d of m.directions) {
    const colour = d.axis === 'x' ? '#1f77b4' : '#d62728';
    series.push({name: `|${d.axis}| measured`, type: 'line', showSymbol: false, lineStyle: {color: colour},
      itemStyle: {color: colour}, data: d.path.map((v, t) => [t, Math.max(Math.abs(v), 1e-20)])});
    const start = Math.abs(d.path[0]);
    series.push({name: `|${d.axis}| predicted rate`, type: 'line', showSymbol: false,
      lineStyle: {color: colour, type: 'dashed'}, itemStyle: {color: colour},
      data: d.path.map((v, t) => [t, Math.max(start * Math.pow(d.predicted_rate, t), 1e-20)])});
  }
  studio.momentumChart.setOption({animation: false, title: {text: 'distance to the minimum along each eigen-direction', left: 'center',
    textStyle: {fontSize: 13}}, tooltip: {trigger: 'axis'}, legend: {top: 22}, grid: {top: 60, left: 70, right: 20,
    bottom: 30}, xAxis: {type: 'value', name: 'step'},
    yAxis: {type: 'log', min: 1e-20, max: 1e2, axisLabel: {formatter: v => v.toExponential(0)}}, series},
    {replaceMerge: ['series']});
  studio.momentumRedraws = (studio.momentumRedraws || 0) + 1;
}

// ---------------------------------------------------------------- tabs and start

function show(view) {
  for (const v of ['runs', 'playground', 'momentum']) {
    $('view-' + v).hidden = view !== v;
    $('tab-' + v).classList.toggle('active', view === v);
  }
  [studio.runsChart, studio.accuracyChart, studio.lrChart, studio.epochsChart, studio.epochLossChart, studio.ratioChart, studio.normsChart,
    studio.alignmentChart, studio.confusionChart, studio.surfaceChart, studio.traceLossChart, studio.momentumChart]
    .forEach(c => c.resize());
}

async function main() {
  studio.runsChart = lineChart($('chart-loss'), 'loss (raw, and smoothed)', 'loss');
  studio.accuracyChart = lineChart($('chart-accuracy'), 'batch accuracy (smoothed)', 'accuracy');
  studio.lrChart = lineChart($('chart-lr'), 'learning rate (solid) and momentum (dashed)', 'lr');
  studio.lrChart.setOption({yAxis: [{type: 'value', name: 'lr', scale: true},
    {type: 'value', name: 'momentum', min: 0, max: 1}]});
  studio.epochsChart = lineChart($('chart-epochs'), 'accuracy per epoch: test (solid), train (dashed)', 'accuracy');
  studio.epochsChart.setOption({xAxis: {type: 'value', name: 'epoch', minInterval: 1}});
  studio.epochLossChart = lineChart($('chart-epoch-loss'), 'loss per epoch: test (solid), train (dashed)', 'loss');
  studio.epochLossChart.setOption({xAxis: {type: 'value', name: 'epoch', minInterval: 1}});
  studio.ratioChart = lineChart($('chart-ratio'), 'log10 update:parameter ratio', '');
  studio.normsChart = lineChart($('chart-norms'), 'gradient norm ‖g‖ (solid), velocity norm ‖v‖ (dashed)', '');
  studio.normsChart.setOption({yAxis: {type: 'log', scale: false}});
  studio.alignmentChart = lineChart($('chart-alignment'), 'cos(g, v): gradient–velocity alignment', '');
  studio.alignmentChart.setOption({yAxis: {min: -1, max: 1, scale: false}});
  studio.confusionChart = echarts.init($('chart-confusion'));
  for (const id of ['layer', 'confusion-run', 'confusion-epoch']) { $(id).addEventListener('change', drawRuns); }
  $('view-playground').hidden = false;           // charts need a laid-out element to size themselves
  studio.surfaceChart = echarts.init($('chart-surface'));
  studio.traceLossChart = echarts.init($('chart-trace-loss'));
  $('view-playground').hidden = true;
  $('view-momentum').hidden = false;
  studio.momentumChart = echarts.init($('chart-momentum'));
  $('view-momentum').hidden = true;
  $('tab-runs').addEventListener('click', () => show('runs'));
  $('tab-playground').addEventListener('click', () => show('playground'));
  $('tab-momentum').addEventListener('click', () => { show('momentum'); drawMomentum(false); });
  $('m-lr').addEventListener('input', () => drawMomentum(false));
  $('m-momentum').addEventListener('input', () => drawMomentum(false));
  $('m-optimal').addEventListener('click', () => drawMomentum(true));
  $('m-condition').addEventListener('input', () => drawMomentum(false));
  await loadTraceOptions();
  wirePlayground();
  traceQuery();
  await drawSurface();
  await drawTrace();
  await refreshRuns();
  await pollSteps();
  setInterval(async () => { await refreshRuns(); await pollSteps(); }, 1000);
  studio.ready = true;
}

main().catch(e => { console.error('studio: ' + e.message); });
