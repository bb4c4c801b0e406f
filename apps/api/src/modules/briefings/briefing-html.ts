import { bboxOf, polygonsOf } from '@grid/geo';
import type { BriefingData } from './briefing.service';
import { BRIEFING_WORDS, type BriefingLanguage } from './briefing-words';

const escape = (text: string | number): string =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const HOT = { 99: '#d7301f', 95: '#fc8d59', 90: '#fdcc8a' } as const;

/**
 * A briefing (daily or weekly) as one self-contained printable page (A4, no scripts, no external resources): its map and
 * chart are inline SVG, so it prints (or saves as PDF from the browser) as it shows. Every value from the database is
 * escaped: names come from imported files.
 */
export function briefingHtml(data: BriefingData, language: BriefingLanguage): string {
  const w = BRIEFING_WORDS[language];
  const categoryName = (code: string) => {
    const names = data.categoryNames.get(code);
    return names ? (language === 'en' ? names.nameEn : names.name) : code;
  };
  const figures = [
    [w.reported, data.figures.reported],
    [w.closed, data.figures.closed],
    [w.open, data.figures.open],
    [w.overdue, data.figures.overdue],
  ] as const;
  const hotspots = data.hotspots.hotspots;
  const title = data.kind === 'weekly' ? w.weeklyTitle : w.title;
  const dates = data.from === data.date ? data.date : `${data.from} – ${data.date}`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${escape(`${title} ${dates} ${data.scopeName}`)}</title>
<style>
  @page { size: A4; margin: 14mm; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; color: #1b1f24; margin: 0 auto; max-width: 190mm; font-size: 11pt; }
  h1 { font-size: 20pt; margin: 0 0 2mm; }
  h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #c9ced6; padding-bottom: 1mm; }
  .meta { color: #555; font-size: 9.5pt; }
  .figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; }
  .figure { border: 1px solid #c9ced6; border-radius: 2mm; padding: 2mm 3mm; }
  .figure b { display: block; font-size: 22pt; }
  table { border-collapse: collapse; width: 100%; }
  td, th { text-align: left; padding: 1mm 2mm; border-bottom: 1px solid #e3e6ea; }
  .new { background: #d7301f; color: #fff; padding: 0 1.5mm; border-radius: 1mm; font-size: 9pt; }
  .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
  .note { color: #555; font-size: 9pt; }
</style>
</head>
<body>
<h1>${escape(title)} · ${escape(data.scopeName)}</h1>
<p class="meta">${escape(w.date)} ${escape(dates)} · ${escape(w.generated)} ${escape(data.generatedAt.toISOString().replace('T', ' ').slice(0, 16))} UTC</p>
<h2>${escape(w.keyFigures)}</h2>
<div class="figures">${figures.map(([label, value]) => `<div class="figure">${escape(label)}<b>${escape(value)}</b></div>`).join('')}</div>
<div class="columns">
<section>
<h2>${escape(w.hotspots)}</h2>
${
  hotspots.length
    ? `<ol>${hotspots
        .slice(0, 8)
        .map((h) => `<li>${h.isNew ? `<span class="new">${escape(w.newHotspot)}</span> ` : ''}<b>${escape([h.villageName, h.name].filter(Boolean).join(' · '))}</b><br><span class="note">${escape(w.hotspotLine(h.cases, h.gridIds.length, h.maxZ.toFixed(2)))} · ${escape(h.topCategories.map((c) => `${categoryName(c.code)} ${c.count}`).join('、'))}</span></li>`)
        .join('')}</ol>`
    : `<p>${escape(w.noHotspots(data.hotspots.status))}</p>`
}
<p class="note">${escape(w.method)}</p>
</section>
<section>
<h2>${escape(w.map)}</h2>
${mapSvg(data)}
<p class="note">${escape(w.synthetic)}</p>
</section>
</div>
<div class="columns">
<section>
<h2>${escape(w.overdueByUnit)}</h2>
${
  data.overdueByUnit.length
    ? `<table><tr><th>${escape(w.unit)}</th><th>${escape(w.count)}</th></tr>${data.overdueByUnit.map((u) => `<tr><td>${escape(u.name)}</td><td>${escape(u.count)}</td></tr>`).join('')}</table>`
    : `<p>${escape(w.none)}</p>`
}
</section>
<section>
<h2>${escape(w.topCategories)}</h2>
${data.topCategories.length ? barsSvg(data.topCategories.map((c) => ({ label: language === 'en' ? c.nameEn : c.name, value: c.count }))) : `<p>${escape(w.none)}</p>`}
</section>
</div>
<h2>${escape(w.recurrences)}</h2>
${
  data.recurrences.items.length
    ? `<ul>${data.recurrences.items
        .map((i) => `<li><b>${escape(i.case.code)}</b> ${escape(categoryName(i.case.categoryCode))} · ${escape(w.recurrenceLine(i.recurrence.timesReported, i.recurrence.windowDays, i.recurrence.lastClosed.daysBefore, i.recurrence.lastClosed.code, i.closedBy.name ?? '—'))}</li>`)
        .join('')}</ul>`
    : `<p>${escape(w.none)}</p>`
}
</body>
</html>`;
}

/** The caller's grids, hot ones shaded by confidence, as an inline SVG fitted to 90 × 70 mm. */
function mapSvg(data: BriefingData): string {
  if (!data.grids.length) return '';
  const boxes = data.grids.map((g) => bboxOf(g.boundary));
  const west = Math.min(...boxes.map((b) => b[0]));
  const south = Math.min(...boxes.map((b) => b[1]));
  const east = Math.max(...boxes.map((b) => b[2]));
  const north = Math.max(...boxes.map((b) => b[3]));
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const width = 400;
  const height = Math.max(1, Math.round((width * (north - south)) / Math.max(1e-9, (east - west) * cos)));
  const x = (lng: number) => (((lng - west) / Math.max(1e-12, east - west)) * width).toFixed(1);
  const y = (lat: number) => (((north - lat) / Math.max(1e-12, north - south)) * height).toFixed(1);
  const confidence = new Map(data.hotspots.grids.map((g) => [g.id, g.confidence]));
  const paths = data.grids.map((g) => {
    const level = confidence.get(g.id) ?? 0;
    const fill = level ? HOT[level] : '#eef1f4';
    const d = polygonsOf(g.boundary)
      .flatMap((rings) => rings.map((ring) => `M${ring.map(([lng, lat]) => `${x(lng)},${y(lat)}`).join('L')}Z`))
      .join('');
    return `<path d="${d}" fill="${fill}" stroke="#8a94a3" stroke-width="0.4"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img">${paths.join('')}</svg>`;
}

/** Horizontal bars with their labels and values. */
function barsSvg(bars: { label: string; value: number }[]): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const rows = bars
    .map((b, i) => {
      const length = Math.round((b.value / max) * 200);
      return `<text x="0" y="${i * row + 17}" font-size="12">${escape(b.label)}</text><rect x="150" y="${i * row + 5}" width="${length}" height="16" fill="#3f7fbf"/><text x="${155 + length}" y="${i * row + 17}" font-size="12">${escape(b.value)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 ${bars.length * row}" width="100%" role="img">${rows}</svg>`;
}
