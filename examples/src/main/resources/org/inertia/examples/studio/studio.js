// The studio's page: draws what the server's API returns. No optimizer math here — the paths come from
// /api/trace, which runs the trace command itself.
'use strict';

const studio = {
  runsChart: null, accuracyChart: null, lrChart: null, surfaceChart: null, traceLossChart: null,
  selected: new Set(), steps: {}, epochs: {}, start: null, surface: null,
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
    legend: {top: 20}, grid: {top: 50, left: 60, right: 20, bottom: 30},
    xAxis: {type: 'value', name: 'step'}, yAxis: {type: 'value', name: yName, scale: true}, series: []});
  return chart;
}

function smooth(values, weight) {
  let last = null;
  return values.map(([x, y]) => { last = last === null ? y : weight * last + (1 - weight) * y; return [x, last]; });
}

function drawRuns() {
  const loss = [], accuracy = [], lr = [], epochs = [];
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
    }
  }
  studio.runsChart.setOption({series: loss}, {replaceMerge: ['series']});
  studio.accuracyChart.setOption({series: accuracy}, {replaceMerge: ['series']});
  studio.lrChart.setOption({series: lr}, {replaceMerge: ['series']});
  studio.epochsChart.setOption({series: epochs}, {replaceMerge: ['series']});
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
      const config = run.config || {};
      label.append(box, ` ${run.name} — ${config.model || '?'}, ${config.optimizer || '?'}`
        + (run.summary ? `, ${(100 * run.summary.test_accuracy).toFixed(2)}%` : ' (training)'));
      li.append(label);
      list.append(li);
      if (studio.selected.size === 0) { box.checked = true; studio.selected.add(run.name); }
    }
  }
}

async function pollSteps() {
  for (const name of studio.selected) {
    studio.steps[name] = await getJson('/api/runs/' + encodeURIComponent(name) + '/steps');
    studio.epochs[name] = await getJson('/api/runs/' + encodeURIComponent(name) + '/epochs');
  }
  drawRuns();
}

// ---------------------------------------------------------------- playground

function traceQuery() {
  const optimizers = [...document.querySelectorAll('#optimizers input:checked')].map(b => b.value);
  const lr = Math.pow(10, Number($('lr').value));
  const momentum = Number($('momentum').value);
  $('lr-value').textContent = lr.toPrecision(3);
  $('momentum-value').textContent = momentum.toFixed(2);
  const p = new URLSearchParams({function: $('function').value, optimizer: optimizers.join(','),
    lr: lr.toPrecision(6), steps: $('steps').value});
  if (optimizers.some(o => o === 'momentum' || o === 'nesterov' || o === 'rmsprop')) {
    p.set('momentum', String(momentum));
  }
  if (studio.start) { p.set('start', studio.start.map(v => v.toPrecision(6)).join(',')); }
  return p.toString();
}

function parseTrace(csv) {
  const lines = csv.trim().split('\n');
  const header = lines[0].split(',');
  const several = header[0] === 'optimizer';
  const paths = {};
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const name = several ? cells[0] : document.querySelector('#optimizers input:checked').value;
    const [step, x, y, loss] = cells.slice(several ? 1 : 0).map(Number);
    (paths[name] = paths[name] || []).push({step, x, y, loss});
  }
  return paths;
}

async function drawSurface() {
  studio.surface = await getJson('/api/surface?function=' + encodeURIComponent($('function').value));
  const s = studio.surface;
  const max = Math.max(...s.cells.map(c => c[2]));
  // One rectangle per grid cell, sized to tile the plotting area (grid: 50 px left, 20 right, 20 top, 40 bottom).
  const cell = [(studio.surfaceChart.getWidth() - 70) / (s.points - 1) + 1,
    (studio.surfaceChart.getHeight() - 60) / (s.points - 1) + 1];
  studio.surfaceChart.setOption({
    animation: false, tooltip: {}, grid: {top: 20, left: 50, right: 20, bottom: 40},
    xAxis: {type: 'value', min: s.range[0], max: s.range[1]}, yAxis: {type: 'value', min: s.range[2], max: s.range[3]},
    visualMap: {show: false, min: 0, max: max, seriesIndex: 0, inRange: {color: ['#f7fbff', '#6baed6', '#08306b']}},
    series: [{type: 'scatter', symbol: 'rect', symbolSize: cell, data: s.cells, silent: true, z: 1}],
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
    if (x >= r[0] && x <= r[1] && y >= r[2] && y <= r[3]) { studio.start = [x, y]; drawTrace(); }
  });
  for (const id of ['lr', 'momentum', 'steps']) { $(id).addEventListener('input', drawTrace); }
  document.querySelectorAll('#optimizers input').forEach(b => b.addEventListener('change', drawTrace));
  $('function').addEventListener('change', async () => { studio.start = null; await drawSurface(); drawTrace(); });
  $('tab-playground').addEventListener('click', async () => { await drawSurface(); drawTrace(); });   // sized now
}

// ---------------------------------------------------------------- why momentum works

async function drawMomentum(optimal) {
  let query = `steps=200`;
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
  [studio.runsChart, studio.accuracyChart, studio.lrChart, studio.epochsChart, studio.surfaceChart,
    studio.traceLossChart, studio.momentumChart].forEach(c => c.resize());
}

async function main() {
  studio.runsChart = lineChart($('chart-loss'), 'loss (raw, and smoothed)', 'loss');
  studio.accuracyChart = lineChart($('chart-accuracy'), 'batch accuracy (smoothed)', 'accuracy');
  studio.lrChart = lineChart($('chart-lr'), 'learning rate (solid) and momentum (dashed)', 'lr');
  studio.lrChart.setOption({yAxis: [{type: 'value', name: 'lr', scale: true},
    {type: 'value', name: 'momentum', min: 0, max: 1}]});
  studio.epochsChart = lineChart($('chart-epochs'), 'accuracy per epoch: test (solid), train (dashed)', 'accuracy');
  studio.epochsChart.setOption({xAxis: {type: 'value', name: 'epoch', minInterval: 1}});
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
  wirePlayground();
  await drawSurface();
  await drawTrace();
  await refreshRuns();
  await pollSteps();
  setInterval(async () => { await refreshRuns(); await pollSteps(); }, 1000);
  studio.ready = true;
}

main().catch(e => { console.error('studio: ' + e.message); });
