// The site's stylesheet and its one script (index search), inlined into each page so the site
// works from file:// as loose files; the page's Content-Security-Policy allows exactly these by hash.

export const STYLE = `
:root { color-scheme: light; --fg: #1d232b; --muted: #5b6570; --line: #d8dde3; --accent: #0b5cad; --bg-soft: #f4f6f8;
  --service: #e6f0fb; --topic: #fdf3e1; --breaking: #a4161a; --ok: #2b6a30; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
header.site { padding: 14px 24px; border-bottom: 1px solid var(--line); background: var(--bg-soft); }
header.site a { color: var(--fg); text-decoration: none; font-weight: 600; }
main { padding: 8px 24px 48px; max-width: 1200px; }
a { color: var(--accent); }
h1 { font-size: 1.6em; margin: 16px 0 4px; word-break: break-word; }
h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1em; margin: 18px 0 6px; }
.summary { color: var(--muted); margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 0.85em; color: var(--muted); font-weight: 600; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--bg-soft); padding: 10px 12px; overflow: auto; border-radius: 4px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
td.name { white-space: nowrap; }
td.depth-1 { padding-left: 26px; } td.depth-2 { padding-left: 44px; } td.depth-3 { padding-left: 62px; }
td.depth-4 { padding-left: 80px; } td.depth-5 { padding-left: 98px; } td.depth-6 { padding-left: 116px; }
.constraint { display: inline-block; background: var(--bg-soft); border-radius: 3px; padding: 0 5px; margin: 1px 3px 1px 0;
  font-size: 0.85em; word-break: break-all; }
.tag { font-size: 0.8em; font-weight: 600; padding: 1px 6px; border-radius: 3px; background: var(--bg-soft); }
.tag.breaking { color: #fff; background: var(--breaking); }
.tag.ok { color: #fff; background: var(--ok); }
.muted { color: var(--muted); }
#search { width: 100%; max-width: 520px; font-size: 1em; padding: 8px 10px; border: 1px solid var(--line); border-radius: 4px; }
.count { color: var(--muted); margin-left: 10px; }
.graph-box { overflow: auto; border: 1px solid var(--line); border-radius: 4px; padding: 4px; }
svg.graph { font: 13px system-ui, sans-serif; }
svg.graph .node rect { stroke: #8a96a3; stroke-width: 1; }
svg.graph .node.service rect { fill: var(--service); }
svg.graph .node.topic rect { fill: var(--topic); }
svg.graph .node text { fill: var(--fg); }
svg.graph .node:hover rect { stroke: var(--accent); stroke-width: 2; }
svg.graph path.edge { fill: none; stroke: #8a96a3; stroke-width: 1.3; }
svg.graph marker path { fill: #8a96a3; }
.description p:first-child { margin-top: 0; }
tr[hidden] { display: none; }
`;

/** Filters every `[data-search]` row of the index as the reader types: each word must occur. */
export const SEARCH_SCRIPT = `
(function () {
  var input = document.getElementById('search');
  var rows = Array.prototype.slice.call(document.querySelectorAll('[data-search]'));
  var count = document.getElementById('search-count');
  function apply() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search');
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) shown++;
    });
    count.textContent = words.length === 0 ? '' : shown + ' of ' + rows.length + ' shown';
  }
  input.addEventListener('input', apply);
  apply();
})();
`;
