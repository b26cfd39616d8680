// Runs after the chart libraries: draws each chart in its container and marks it drawn (or
// failed). Compiled into kapsim (app/embed_file.cmake) and inlined in every report.
(function () {
  var data = JSON.parse(document.getElementById('kapsim-charts').textContent);
  var jobs = data.charts.map(function (chart) {
    var element = document.getElementById(chart.id);
    return vegaEmbed(element, chart.spec, { actions: false, renderer: 'svg', formatLocale: data.locale })
      .then(function () { element.setAttribute('data-rendered', 'true'); })
      .catch(function (error) {
        element.setAttribute('data-rendered', 'error');
        element.textContent = data.failed;
        console.error(error);
      });
  });
  Promise.all(jobs).then(function () { document.body.setAttribute('data-charts-ready', 'true'); });
})();
