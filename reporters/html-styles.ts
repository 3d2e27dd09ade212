// The HTML report's stylesheet (inline, no external fonts or images; light and dark).
export const CSS = `
:root{--fg:#1d2330;--bg:#fff;--muted:#5d6677;--line:#dde1e8;--code:#f4f6f9;--hl:#fff8c5;
--link:#0550ae;--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--unsupported:#0969da;--blocked:#8250df;--error:#a40e26}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--bg:#14171c;--muted:#9aa3b2;--line:#2d333d;--code:#1d2229;--link:#79c0ff;--hl:#3a3320;
--pass:#4ac26b;--fail:#ff7b72;--warn:#d29922;--unsupported:#58a6ff;--blocked:#bc8cff;--error:#ff9492}}
*{box-sizing:border-box}body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem;font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.4rem;margin:.2rem 0 .3rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line)}
.target{color:var(--muted);margin:0 0 .6rem;overflow-wrap:anywhere}
.gate{border:2px solid var(--o);border-radius:8px;padding:.5rem .9rem;margin:.4rem 0}.gate strong{font-size:1.25rem;color:var(--o)}
.gate.pass{--o:var(--pass)}.gate.fail{--o:var(--fail)}.gate p{margin:.15rem 0 0}
dl.run{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem 1rem;margin:.4rem 0}dl.run dt{color:var(--muted)}dl.run dd{margin:0;overflow-wrap:anywhere}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.8rem 0 .4rem}
.counts li{border:1px solid var(--line);border-radius:6px;padding:.35rem .8rem;min-width:6.5rem}.counts li[data-only]{cursor:pointer}
.counts [data-count]{display:block;font-size:1.5rem;font-weight:600}
.o-pass{--o:var(--pass)}.o-fail{--o:var(--fail)}.o-warn{--o:var(--warn)}.o-unsupported{--o:var(--unsupported)}.o-blocked{--o:var(--blocked)}.o-error{--o:var(--error)}
.counts li,.badge{color:var(--o,var(--fg))}.summary{font-family:ui-monospace,monospace;color:var(--muted)}
.notrun{color:var(--muted);font-weight:600}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:.25rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}
td.nz{font-weight:600;color:var(--o)}
table.leftovers th,table.leftovers td{text-align:left;vertical-align:top}table.leftovers code{white-space:nowrap}
ol.findings{list-style:none;padding:0;margin:0}ol.findings>li{border:1px solid var(--line);border-left:4px solid var(--o);border-radius:6px;padding:.5rem .8rem;margin:.5rem 0}
ol.findings>li:target,ol.scenarios>li.target{background:var(--hl)}ol.findings>li,ol.scenarios>li{scroll-margin-top:.5rem}
.fhead{display:flex;flex-wrap:wrap;gap:.2rem .7rem;align-items:baseline}.fhead .num{color:var(--muted);font-weight:600}.fhead .ftitle{font-weight:600;font-size:1.02rem}
.fmeta{color:var(--muted);margin:.2rem 0}.fhead .badge,.fhead .level{width:auto}
.hint p{margin:.3rem 0 .1rem}
.filters{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center;margin-bottom:.6rem}
.filters button,.copy{border:1px solid var(--line);background:var(--bg);color:var(--fg);border-radius:4px;padding:.15rem .55rem;cursor:pointer}
.filters button[aria-pressed=true]{background:var(--o,var(--link));border-color:var(--o,var(--link));color:var(--bg);font-weight:600}
.filters .label{color:var(--muted);margin-left:.6rem}.filters .label:first-child{margin-left:0}
.filters input,.filters select{padding:.2rem .4rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg);max-width:22rem}
.filters input{width:22rem}
ol.scenarios{list-style:none;padding:0;margin:0}ol.scenarios li{border-top:1px solid var(--line);padding:.3rem 0}
.row{display:flex;flex-wrap:wrap;gap:0 .6rem;align-items:baseline}.row code{overflow-wrap:anywhere}
.why{display:block;color:var(--fg);padding-left:12.8rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:100%}
.fnd{display:block;padding-left:12.8rem;font-size:.85rem}
details[open]>summary .why{white-space:normal}
summary{cursor:pointer;display:flex;align-items:baseline;list-style:none}summary::-webkit-details-marker{display:none}summary>span.sum{flex:1;min-width:0}
summary::before{content:'▸';flex:none;width:1.1rem;color:var(--muted)}details[open]>summary::before{content:'▾'}
ol.scenarios li>div.row{padding-left:1.1rem}
.badge{display:inline-block;flex:none;width:7.5rem;font-weight:600;text-transform:uppercase;font-size:.8rem}
.level{flex:none;width:4.2rem;color:var(--muted);font-size:.8rem}
.detail,.example-body{margin:.5rem 0 .8rem 1.2rem}.detail dl,.example-body dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem 1rem}.detail dd,.example-body dd{margin:0;overflow-wrap:anywhere}
details.example{margin-top:.3rem}details.example>summary{color:var(--fg)}
.exchange{border:1px solid var(--line);border-radius:6px;margin:.6rem 0}.exchange h4{margin:0;overflow-wrap:anywhere;padding:.3rem .6rem;background:var(--code);font-weight:500;font-size:.85rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:0}.pair>div{min-width:0;padding:.3rem .6rem}.pair>div+div{border-left:1px solid var(--line)}
.copyline{display:flex;align-items:flex-start;gap:.4rem}.copyline pre{flex:1;min-width:0}.copy{flex:none;font-size:.8rem;margin-top:.25rem}
.idp ul ul{margin:.2rem 0 .5rem}.also{border-left:3px solid var(--warn);padding-left:.7rem}
@media (max-width:1000px){table.matrix,table.leftovers{display:block;max-width:100%;overflow-x:auto}.why,.fnd{padding-left:1.1rem}}
@media (max-width:700px){.pair{grid-template-columns:1fr}.pair>div+div{border-left:0;border-top:1px solid var(--line)}}
pre{margin:.2rem 0;white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,monospace;background:var(--code);padding:.4rem;border-radius:4px;max-height:32rem;overflow:auto}
.muted{color:var(--muted)}a{color:var(--link)}[hidden]{display:none!important}.offscreen{position:fixed;left:-9999px;top:0}
`;
