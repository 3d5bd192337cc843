#include "html_report_assets.h"

namespace bootstorm {

const std::string_view kReportStyle = R"css(
:root{--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--infra:#9a6700;
--infra-bg:#fff8c5;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
color:var(--ink);background:#fff}
main{max-width:1180px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 12px;padding-bottom:6px;
border-bottom:1px solid var(--line)}h5{font-size:14px;margin:16px 0 6px}h6{margin:0 0 4px;
font-size:12px;color:var(--muted)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,"DejaVu Sans Mono",Menlo,monospace;
font-size:12.5px}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 10px;
margin:0;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.meta{color:var(--muted);margin:0}
.banner{border-radius:6px;padding:8px 12px;margin:12px 0}
.banner.fail{background:var(--fail-bg);color:var(--fail)}
.banner.infra{background:var(--infra-bg);color:var(--infra)}
.banner.met{background:var(--pass-bg);color:var(--pass)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{flex:1 1 150px;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card .n{font-size:28px;font-weight:600;line-height:1.2}.card .l{color:var(--muted);font-size:13px}
.card.pass .n{color:var(--pass)}.card.sut_failure .n{color:var(--fail)}
.card.infra_error .n{color:var(--infra)}
.card.rate{flex:2 1 300px}.card.rate .n{font-size:22px}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;
line-height:20px;vertical-align:middle;white-space:nowrap}
.badge.pass{background:var(--pass-bg);color:var(--pass)}
.badge.sut_failure{background:var(--fail-bg);color:var(--fail)}
.badge.infra_error{background:var(--infra-bg);color:var(--infra)}
.toolbar{display:none;flex-wrap:wrap;align-items:center;gap:8px 18px;position:sticky;top:0;
z-index:1;background:#fff;padding:8px 0;border-bottom:1px solid var(--line)}
body.js .toolbar{display:flex}
.toolbar label{cursor:pointer;user-select:none}
.toolbar button{font:inherit;font-size:13px;border:1px solid var(--line);background:var(--panel);
border-radius:6px;padding:2px 10px;cursor:pointer}
.toolbar .shown{color:var(--muted);margin-left:auto}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:8px 0 16px;
font-size:13px;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:6px}
details.vm{border:1px solid var(--line);border-left:5px solid var(--pass);border-radius:8px;
margin:10px 0;padding:0 14px}
details.vm.sut_failure{border-left-color:var(--fail)}
details.vm.infra_error{border-left-color:var(--infra)}
details.vm>summary{cursor:pointer;padding:10px 0;font-weight:600}
details.vm>summary .meta{font-weight:400;margin-left:8px;font-size:13px}
.boot{border-top:1px solid var(--line);padding:10px 0 14px}
.boot h4{margin:0 0 4px;font-size:15px}
.chips{display:flex;flex-wrap:wrap;gap:4px;margin:6px 0}
.chip{font-size:12px;border-radius:4px;padding:0 6px;border:1px solid var(--line)}
.chip.passed{color:var(--pass)}.chip.failed{color:#fff;background:var(--fail);
border-color:var(--fail)}.chip.na,.chip.unknown{color:var(--muted);border-style:dashed}
.na-reasons{font-size:12px;color:var(--muted);margin:0;padding-left:18px}
.part{font-size:12px;color:var(--muted);margin:6px 0 0}
svg.timeline{display:block;width:100%;height:auto;margin:4px 0;border-radius:6px}
svg.timeline.failed{background:#fff6f5;outline:1px solid #f5c2bd}
svg.timeline text{font:11px system-ui,sans-serif;fill:var(--muted)}
svg.timeline .axis line{stroke:#eaeef2}
svg.timeline .axis text{text-anchor:middle}
.lane-label{text-anchor:end;fill:var(--ink)!important}
.lane-bg{fill:#f6f8fa}
.span.activating{fill:#9ec5fe}.span.active{fill:#3d7bd9}.span.deactivating{fill:#b4bcc6}
.span.guest-fault{fill:#f59f00;fill-opacity:.55;stroke:#d9480f;stroke-width:1}
.mark.unit-failed{stroke:var(--fail);stroke-width:2.5;fill:none}
.mark.reload{fill:#1f2328}.mark.activation{fill:#1a7f37}.mark.host-fault{fill:#8250df}.mark.resolv-write{fill:#bc4c00}.mark.nm-dns{fill:#0969da}
.checkpoint line{stroke:#6e7781;stroke-dasharray:3 3}
.checkpoint text{text-anchor:middle;font-size:10px!important}
.checkpoint.failed line{stroke:var(--fail);stroke-width:2;stroke-dasharray:none}
.checkpoint.failed text{fill:var(--fail)!important;font-weight:600}
.failure{background:#fffafa;border:1px solid #f5c2bd;border-radius:8px;padding:4px 14px 14px;
margin-top:8px}
.boot.infra_error .failure{background:#fffdf0;border-color:#eed888}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin-top:6px}
pre.diff .removed,h5 .removed{color:var(--fail)}pre.diff .added,h5 .added{color:var(--pass)}
pre.diff .removed{background:var(--fail-bg)}pre.diff .added{background:var(--pass-bg)}
pre.console{max-height:420px;overflow:auto;background:#0d1117;color:#e6edf3;border-color:#0d1117}
pre.cmd{background:#0d1117;color:#e6edf3;border-color:#0d1117}
.note{color:var(--muted);font-size:13px;margin:4px 0}
.infra-error{color:var(--infra);font-weight:600}
footer{margin-top:40px;color:var(--muted);font-size:12px}
)css";

const std::string_view kReportScript = R"js(
(function () {
  var errors = [];
  function record(message) {
    errors.push(String(message));
    document.body.setAttribute('data-script-errors', errors.join('\n'));
  }
  window.onerror = function (message) { record(message); };
  try {
    var boxes = document.querySelectorAll('input[data-filter]');
    var vms = document.querySelectorAll('details.vm');
    var counter = document.querySelector('.toolbar .shown');
    var apply = function () {
      var wanted = {};
      boxes.forEach(function (box) { wanted[box.getAttribute('data-filter')] = box.checked; });
      var shown = 0;
      vms.forEach(function (vm) {
        vm.hidden = !wanted[vm.getAttribute('data-verdict')];
        if (!vm.hidden) shown++;
      });
      counter.textContent = shown + ' of ' + vms.length + ' VMs shown';
    };
    boxes.forEach(function (box) { box.addEventListener('change', apply); });
    document.querySelectorAll('button[data-open]').forEach(function (button) {
      button.addEventListener('click', function () {
        var open = button.getAttribute('data-open') === '1';
        vms.forEach(function (vm) { if (!vm.hidden) vm.open = open; });
      });
    });
    apply();
    document.body.classList.add('js');
  } catch (e) {
    record(e && e.message ? e.message : e);
  }
  document.body.setAttribute('data-ready', '1');
})();
)js";

const std::string_view kReportScriptHash = "sha256-yMSrFXLvZP66bMM57upJ2UtyrlOahQu8hag+5nACFqQ=";

}  // namespace bootstorm
