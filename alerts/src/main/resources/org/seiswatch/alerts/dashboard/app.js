// Seiswatch operations dashboard: plain JavaScript, no build step, nothing loaded from the internet.
// Reads /api/events, /api/events/{id}, /api/events/{id}/waveforms, /api/stations and the SSE feed /api/feed.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const STATION_REFRESH_MS = 5000;
const MAP_W = 800;
const MAP_H = 560;

const state = {
  events: new Map(), // id -> latest version (NEIC Detection JSON)
  stations: [], // /api/stations
  land: null, // rings of [lon, lat, ...]
  route: { view: 'overview' },
  shownEvent: null, // { id, version } on the event page
};

// ---------- helpers ----------
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  for (const c of children) if (c != null) e.append(c instanceof Node ? c : String(c));
  return e;
}
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  setAttrs(e, attrs);
  for (const c of children) if (c != null) e.append(c instanceof Node ? c : String(c));
  return e;
}
function setAttrs(e, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
    else e.setAttribute(k, v === true ? '' : v);
  }
}
function fmtTime(iso) {
  if (!iso) return '–';
  return iso.replace('T', ' ').replace(/(\.\d{1,3})\d*Z$/, '$1Z').replace(/Z$/, ' UTC');
}
function fmtNum(x, digits) { return x == null || Number.isNaN(x) ? '–' : Number(x).toFixed(digits); }
function ago(iso) {
  if (!iso) return '';
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}
function latLon(lat, lon) {
  return `${Math.abs(lat).toFixed(3)}°${lat >= 0 ? 'N' : 'S'} ${Math.abs(lon).toFixed(3)}°${lon >= 0 ? 'E' : 'W'}`;
}
// The Detection's magnitude (docs/formats/Detection.md, "Magnitude"), if one was measured at a station;
// a value from no station (all clipped) is for information only and not drawn.
function magnitude(d) {
  const m = d && d.Magnitude;
  if (!m || typeof m.Value !== 'number' || !(m.StationCount > 0)) return null;
  return { value: m.Value, type: m.Type || '', reliable: m.Reliable === true };
}
function stationsOf(d) { return new Set((d.Data || []).map(p => `${p.Site.Network}.${p.Site.Station}`)); }
async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

// ---------- data ----------
async function loadEvents() {
  try {
    const list = await getJson('/api/events');
    for (const d of list) upsert(d, false);
    renderEvents();
    renderMap();
  } catch (e) { console.warn(e); }
}
function upsert(d, live) {
  const held = state.events.get(d.ID);
  if (held && held.Version > d.Version) return false;
  d._fresh = live;
  state.events.set(d.ID, d);
  return true;
}
async function loadStations() {
  try {
    state.stations = await getJson('/api/stations');
    renderStations();
    renderMap();
  } catch (e) { console.warn(e); }
}
async function loadLand() {
  try {
    state.land = (await getJson('/dashboard/land-50m.json')).rings;
    renderMap();
  } catch (e) { console.warn('no coastline', e); }
}
function connectFeed() {
  const badge = document.getElementById('feed-state');
  const set = (s, text) => { badge.dataset.feedState = s; badge.textContent = `live feed: ${text}`; };
  const source = new EventSource('/api/feed');
  source.onopen = () => set('open', 'connected');
  source.onerror = () => set('error', 'reconnecting');
  source.addEventListener('detection', msg => {
    const d = JSON.parse(msg.data);
    if (!upsert(d, true)) return;
    renderEvents();
    renderMap();
    if (state.route.view === 'event' && state.route.id === d.ID) showEvent(d.ID);
  });
}

// ---------- overview: event list ----------
function sortedEvents() {
  const t = d => Date.parse(d.Hypocenter ? d.Hypocenter.Time : d.DetectionTime || 0);
  return [...state.events.values()].sort((a, b) => t(b) - t(a));
}
function renderEvents() {
  const list = document.getElementById('event-list');
  const events = sortedEvents();
  list.replaceChildren(...events.map(d => {
    const h = d.Hypocenter;
    const m = magnitude(d);
    const li = el('li', {
      'data-event-id': d.ID, 'data-version': d.Version, 'data-type': d.DetectionType,
      class: d._fresh ? 'fresh' : null, tabindex: 0,
      on: { click: () => { location.hash = `#/event/${encodeURIComponent(d.ID)}`; } },
    },
    el('span', { class: 'mag', 'data-magnitude': m ? m.value : null }, m ? m.value.toFixed(1) : '–'),
    el('span', { class: 'when' }, h ? fmtTime(h.Time) : fmtTime(d.DetectionTime),
      el('span', { class: `badge ${d.DetectionType}` }, `v${d.Version} ${d.DetectionType}`)),
    el('span', { class: 'where' }, h ? `${latLon(h.Latitude, h.Longitude)}, depth ${fmtNum(h.Depth, 1)} km` : 'no hypocentre',
      ` · ${stationsOf(d).size} stations · ${(d.Data || []).length} picks · ${d.ID}`));
    d._fresh = false;
    return li;
  }));
  document.getElementById('no-events').hidden = events.length > 0;
  const count = document.getElementById('event-count');
  count.textContent = events.length;
  count.dataset.eventCount = events.length;
}

// ---------- overview: station table ----------
function renderStations() {
  const rows = state.stations.map(s => el('tr', { 'data-station': s.code, 'data-state': s.state },
    el('td', null, el('strong', null, s.code)),
    el('td', null, el('span', { class: `state ${s.state}` }, s.state)),
    el('td', { 'data-latency': s.latencySeconds ?? '' }, s.latencySeconds == null ? '–' : `${fmtNum(s.latencySeconds, 1)} s`),
    el('td', { title: s.lastPacket || '' }, s.lastPacket ? `${fmtTime(s.lastPacket)} (${ago(s.lastPacket)})` : '–'),
    el('td', null, fmtTime(s.lastSampleTime)),
    el('td', null, s.gaps ?? '–'),
    el('td', null, s.packets ?? '–'),
    el('td', null, (s.channels || []).map(c => c.replace(/^\./, '')).join(' ')),
    el('td', { class: 'status' }, s.status || '')));
  document.getElementById('station-rows').replaceChildren(...rows);
  document.getElementById('station-count').textContent = state.stations.length;
}

// ---------- overview: map ----------
// Equirectangular projection (with the standard parallel at the centre of the view) fitted to the
// stations and events.
function projection(points) {
  let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
  for (const [lon, lat] of points) {
    minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
    minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
  }
  if (!points.length) { minLat = -60; maxLat = 75; minLon = -180; maxLon = 180; }
  const padLat = Math.max(0.25, (maxLat - minLat) * 0.15), padLon = Math.max(0.25, (maxLon - minLon) * 0.15);
  minLat -= padLat; maxLat += padLat; minLon -= padLon; maxLon += padLon;
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const scale = Math.min(MAP_W / ((maxLon - minLon) * k), MAP_H / (maxLat - minLat));
  const cx = (minLon + maxLon) / 2, cy = (minLat + maxLat) / 2;
  const p = (lon, lat) => [MAP_W / 2 + (lon - cx) * k * scale, MAP_H / 2 - (lat - cy) * scale];
  p.bounds = { west: cx - MAP_W / 2 / (k * scale), east: cx + MAP_W / 2 / (k * scale), south: cy - MAP_H / 2 / scale, north: cy + MAP_H / 2 / scale };
  return p;
}
function renderMap() {
  const map = document.getElementById('map');
  const located = sortedEvents().filter(d => d.Hypocenter);
  const stations = state.stations.filter(s => s.latitude != null);
  const points = [...stations.map(s => [s.longitude, s.latitude]), ...located.map(d => [d.Hypocenter.Longitude, d.Hypocenter.Latitude])];
  const p = projection(points);
  const b = p.bounds;
  const layers = [];
  if (state.land) {
    let d = '';
    for (const ring of state.land) {
      let w = Infinity, e = -Infinity, s = Infinity, n = -Infinity;
      for (let i = 0; i < ring.length; i += 2) {
        w = Math.min(w, ring[i]); e = Math.max(e, ring[i]); s = Math.min(s, ring[i + 1]); n = Math.max(n, ring[i + 1]);
      }
      if (e < b.west || w > b.east || n < b.south || s > b.north) continue;
      for (let i = 0; i < ring.length; i += 2) {
        const [x, y] = p(ring[i], ring[i + 1]);
        d += `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
      }
      d += 'Z';
    }
    layers.push(svg('path', { class: 'land', d, 'data-coastline': true }));
  }
  layers.push(graticule(p, b));
  for (const d of located) {
    const h = d.Hypocenter;
    const [x, y] = p(h.Longitude, h.Latitude);
    const m = magnitude(d);
    const r = m ? Math.max(4, 3 + 3 * m.value) : 9;
    layers.push(svg('circle', {
      class: `event${state.route.id === d.ID ? ' selected' : ''}`, cx: x.toFixed(1), cy: y.toFixed(1), r,
      'data-map-event-id': d.ID, 'data-magnitude': m ? m.value : null,
      on: { click: () => { location.hash = `#/event/${encodeURIComponent(d.ID)}`; } },
    }, svg('title', null, `${d.ID} v${d.Version} ${fmtTime(h.Time)}${m ? ` M${m.value.toFixed(1)}` : ''}`)));
  }
  for (const s of stations) {
    const [x, y] = p(s.longitude, s.latitude);
    layers.push(svg('path', {
      class: `station ${s.state}`, d: `M${x.toFixed(1)} ${(y - 8).toFixed(1)}l7 12h-14z`,
      'data-map-station': s.code, 'data-state': s.state,
    }, svg('title', null, `${s.code}: ${s.state}${s.latencySeconds != null ? `, latency ${fmtNum(s.latencySeconds, 1)} s` : ''}`)));
    layers.push(svg('text', { class: 'station-label', x: (x + 9).toFixed(1), y: (y + 4).toFixed(1) }, s.station));
  }
  map.replaceChildren(...layers);
  map.dataset.events = located.length;
  map.dataset.stations = stations.length;
}
function graticule(p, b) {
  const span = Math.max(b.east - b.west, b.north - b.south);
  const step = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30].find(s => span / s <= 8) || 45;
  const g = svg('g', null);
  for (let lon = Math.ceil(b.west / step) * step; lon <= b.east; lon += step) {
    const [x] = p(lon, 0);
    g.append(svg('line', { class: 'grid', x1: x, x2: x, y1: 0, y2: MAP_H }));
    g.append(svg('text', { class: 'grid-label', x: x + 2, y: MAP_H - 4 }, `${+lon.toFixed(2)}°`));
  }
  for (let lat = Math.ceil(b.south / step) * step; lat <= b.north; lat += step) {
    const [, y] = p(0, lat);
    g.append(svg('line', { class: 'grid', x1: 0, x2: MAP_W, y1: y, y2: y }));
    g.append(svg('text', { class: 'grid-label', x: 2, y: y - 2 }, `${+lat.toFixed(2)}°`));
  }
  return g;
}

// ---------- event page ----------
async function showEvent(id) {
  const page = document.getElementById('event-page');
  let versions;
  try {
    versions = await getJson(`/api/events/${encodeURIComponent(id)}`);
  } catch (e) {
    page.replaceChildren(el('div', { class: 'panel' }, el('p', null, `Event ${id} not found. `), el('a', { href: '#/' }, 'Back to the overview')));
    return;
  }
  const latest = versions[versions.length - 1];
  const located = [...versions].reverse().find(v => v.Hypocenter);
  const again = state.shownEvent && state.shownEvent.id === id;
  const waveforms = again && state.shownEvent.waveformsVersion === located?.Version ? page.querySelector('.waveforms') : null;
  state.shownEvent = { id, version: latest.Version, waveformsVersion: waveforms ? located?.Version : null };
  page.dataset.eventPage = id;
  page.dataset.version = latest.Version;
  page.replaceChildren(
    el('div', { class: 'panel' }, eventHead(latest), facts(latest, located)),
    el('div', { class: 'grid2' },
      el('div', { class: 'panel' }, el('h2', null, 'Versions'), el('div', { class: 'scroll' }, versionsTable(versions))),
      el('div', { class: 'panel' }, el('h2', null, `Picks (${(located || latest).Data.length})`), el('div', { class: 'scroll' }, picksTable(located || latest)))),
    waveforms || el('div', { class: 'panel waveforms', 'data-waveforms': 'loading' }, el('h2', null, 'Waveforms'), el('p', { class: 'note' }, 'Loading waveforms from seis.raw…')));
  if (!waveforms && located) loadWaveforms(id, located.Version);
}
function eventHead(d) {
  const m = magnitude(d);
  return el('div', { class: 'event-head' },
    el('a', { href: '#/' }, '← overview'),
    el('h2', null, `Event ${d.ID}`),
    el('span', { class: `badge ${d.DetectionType}` }, `v${d.Version} ${d.DetectionType}`),
    m ? el('span', { class: 'badge', 'data-magnitude': m.value }, `M${m.type ? ` ${m.type}` : ''} ${m.value.toFixed(1)}`) : null);
}
function facts(latest, located) {
  const h = located && located.Hypocenter;
  const items = [
    ['origin time', h ? fmtTime(h.Time) : '–'],
    ['time error', h && h.TimeError != null ? `± ${fmtNum(h.TimeError, 2)} s` : '–'],
    ['latitude', h ? `${fmtNum(h.Latitude, 4)}° ± ${fmtNum(h.LatitudeError, 1)} km` : '–'],
    ['longitude', h ? `${fmtNum(h.Longitude, 4)}° ± ${fmtNum(h.LongitudeError, 1)} km` : '–'],
    ['depth', h ? `${fmtNum(h.Depth, 1)} ± ${fmtNum(h.DepthError, 1)} km` : '–'],
    ['RMS', located && located.RMS != null ? `${fmtNum(located.RMS, 2)} s` : '–'],
    ['azimuthal gap', located && located.Gap != null ? `${fmtNum(located.Gap, 0)}°` : '–'],
    ['nearest station', located && located.MinimumDistance != null ? `${fmtNum(located.MinimumDistance, 3)}°` : '–'],
    ['detection time', fmtTime(latest.DetectionTime)],
    ['detector', latest.Detector || '–'],
  ];
  return el('dl', { class: 'facts', 'data-hypocenter': h ? `${h.Latitude},${h.Longitude},${h.Depth}` : null },
    ...items.map(([k, v]) => el('div', null, el('dt', null, k), el('dd', null, v))));
}
function versionsTable(versions) {
  return el('table', { 'data-versions': versions.length },
    el('thead', null, el('tr', null, ...['version', 'type', 'origin time', 'lat', 'lon', 'depth', 'picks', 'RMS'].map(h => el('th', null, h)))),
    el('tbody', null, ...versions.map(v => {
      const h = v.Hypocenter;
      return el('tr', { 'data-version': v.Version },
        el('td', null, v.Version), el('td', null, v.DetectionType), el('td', null, h ? fmtTime(h.Time) : '–'),
        el('td', null, h ? fmtNum(h.Latitude, 4) : '–'), el('td', null, h ? fmtNum(h.Longitude, 4) : '–'),
        el('td', null, h ? fmtNum(h.Depth, 1) : '–'), el('td', null, (v.Data || []).length), el('td', null, fmtNum(v.RMS, 2)));
    })));
}
function picksTable(d) {
  const picks = [...(d.Data || [])].sort((a, b) => Date.parse(a.Time) - Date.parse(b.Time));
  return el('table', { 'data-picks': picks.length },
    el('thead', null, el('tr', null, ...['station', 'phase', 'time', 'residual', 'distance', 'azimuth', 'picker'].map(h => el('th', null, h)))),
    el('tbody', null, ...picks.map(p => {
      const a = p.AssociationInfo || {};
      const big = a.Residual != null && Math.abs(a.Residual) > 1;
      return el('tr', { 'data-pick-id': p.ID, 'data-phase': p.Phase },
        el('td', null, `${p.Site.Network}.${p.Site.Station}.${p.Site.Location || ''}.${p.Site.Channel}`),
        el('td', null, p.Phase), el('td', null, fmtTime(p.Time)),
        el('td', { class: `residual${big ? ' big' : ''}`, 'data-residual': a.Residual ?? '' }, a.Residual == null ? '–' : `${a.Residual >= 0 ? '+' : ''}${fmtNum(a.Residual, 2)} s`),
        el('td', null, a.Distance == null ? '–' : `${fmtNum(a.Distance, 3)}°`),
        el('td', null, a.Azimuth == null ? '–' : `${fmtNum(a.Azimuth, 0)}°`), el('td', null, p.Picker || '–'));
    })));
}
async function loadWaveforms(id, version) {
  let w;
  try {
    w = await getJson(`/api/events/${encodeURIComponent(id)}/waveforms`);
  } catch (e) {
    const panel = document.querySelector('#event-page .waveforms');
    if (panel) { panel.dataset.waveforms = 'error'; panel.querySelector('.note').textContent = `Waveforms unavailable: ${e.message}`; }
    return;
  }
  const panel = document.querySelector('#event-page .waveforms');
  if (!panel || state.route.id !== id) return;
  state.shownEvent.waveformsVersion = version;
  const drawn = w.stations.filter(s => s.channels.length);
  panel.replaceChildren(
    el('h2', null, `Waveforms (${drawn.length} of ${w.stations.length} stations)`),
    el('p', { class: 'note' }, `${fmtTime(w.start)} to ${fmtTime(w.end)}, seconds from the origin time; counts, each channel scaled to its own peak. `
      + `P picks blue, S picks red.${w.complete ? '' : ' Incomplete: the scan of seis.raw stopped early or data may still arrive.'}`),
    ...w.stations.map(s => stationPlot(s, w)));
  panel.dataset.waveforms = 'loaded';
  panel.dataset.stations = drawn.length;
}
function stationPlot(s, w) {
  const W = 1000, left = 110, right = 22, rowH = 46, top = 18;
  const rows = Math.max(1, s.channels.length);
  const H = top + rows * rowH + 18;
  const t0 = (Date.parse(w.start) - Date.parse(w.origin)) / 1000, t1 = (Date.parse(w.end) - Date.parse(w.origin)) / 1000;
  const x = t => left + (t - t0) / (t1 - t0) * (W - left - right);
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, 'data-waveform-station': s.station, 'data-channels': s.channels.length });
  g.append(svg('text', { class: 'station-name', x: 4, y: 14 }, s.station),
    svg('text', { class: 'trace-label', x: 4, y: 28 }, s.distance != null ? `${(s.distance * 111.19).toFixed(0)} km` : ''));
  for (let t = Math.ceil(t0 / 10) * 10; t <= t1; t += 10) {
    g.append(svg('line', { class: 'axis', x1: x(t), x2: x(t), y1: top, y2: H - 16 }),
      svg('text', { class: 'axis-label', x: x(t) - 8, y: H - 4 }, `${t}`));
  }
  g.append(svg('line', { class: 'origin', x1: x(0), x2: x(0), y1: top, y2: H - 16 }));
  s.channels.forEach((c, i) => {
    const mid = top + i * rowH + rowH / 2;
    let peak = 0, sum = 0, n = 0;
    for (const seg of c.segments) for (const v of seg.v) { sum += v; n++; }
    const mean = n ? sum / n : 0;
    for (const seg of c.segments) for (const v of seg.v) peak = Math.max(peak, Math.abs(v - mean));
    const scale = peak > 0 ? (rowH / 2 - 2) / peak : 0;
    g.append(svg('text', { class: 'trace-label', x: 50, y: mid + 4 }, c.channel.replace(/^\./, '')));
    for (const seg of c.segments) {
      let pts = '';
      for (let k = 0; k < seg.t.length; k++) pts += `${x(seg.t[k]).toFixed(1)},${(mid - (seg.v[k] - mean) * scale).toFixed(1)} `;
      g.append(svg('polyline', { class: `trace${c.channel.endsWith('Z') ? '' : ' h'}`, points: pts, 'data-channel': c.channel, 'data-points': seg.t.length }));
    }
  });
  if (!s.channels.length) g.append(svg('text', { class: 'trace-label', x: left, y: top + rowH / 2 }, 'no data found on seis.raw'));
  for (const p of s.picks) {
    const px = x(p.offset);
    g.append(svg('line', { class: `pick-${p.phase}`, x1: px, x2: px, y1: top - 4, y2: H - 16, 'data-pick-marker': p.id, 'data-phase': p.phase }),
      svg('text', { class: `pick-label pick-${p.phase}`, x: px + 3, y: top + 6},
        `${p.phase}${p.residual != null ? ` ${p.residual >= 0 ? '+' : ''}${p.residual.toFixed(2)}s` : ''}`));
  }
  return g;
}

// ---------- routing ----------
function route() {
  const m = location.hash.match(/^#\/event\/(.+)$/);
  state.route = m ? { view: 'event', id: decodeURIComponent(m[1]) } : { view: 'overview' };
  document.getElementById('overview').hidden = state.route.view !== 'overview';
  document.getElementById('event-page').hidden = state.route.view !== 'event';
  if (state.route.view === 'event') {
    if (!state.shownEvent || state.shownEvent.id !== state.route.id) state.shownEvent = null;
    showEvent(state.route.id);
  } else {
    state.shownEvent = null;
    renderMap();
  }
  window.scrollTo(0, 0);
}

function tick() {
  document.getElementById('clock').textContent = new Date().toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

window.addEventListener('hashchange', route);
tick();
setInterval(tick, 1000);
route();
loadLand();
loadEvents();
loadStations();
setInterval(loadStations, STATION_REFRESH_MS);
connectFeed();
