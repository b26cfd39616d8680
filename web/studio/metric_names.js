// The metrics of kapsim's results in the planner's words; a metric not listed shows its id.
const NAMES = {
  arrivals_per_year: ['ankomster per år', 'arrivals per year'],
  acute_admitted_per_year: ['akuta inskrivningar per år', 'acute admissions per year'],
  planned_admitted_per_year: ['planerade inskrivningar per år', 'planned admissions per year'],
  admitted_per_year: ['inskrivningar per år', 'admissions per year'],
  diverted_per_year: ['akuta som skickas vidare per år', 'acute diverted per year'],
  p_diverted: ['andel akuta som skickas vidare', 'share of acute diverted'],
  reneged_per_year: ['avhopp från kön per år', 'left the list per year'],
  p_wait: ['andel som får vänta', 'share who wait'],
  mean_wait_days: ['väntetid i snitt (dagar)', 'mean wait (days)'],
  wait_p90_days: ['väntetid, 9 av 10 inom (dagar)', 'wait, 90th percentile (days)'],
  list_mean: ['väntande i snitt', 'waiting on average'],
  list_end: ['väntande vid periodens slut', 'waiting at the end'],
  mean_stay_days: ['vårdtid i snitt (dagar)', 'mean stay (days)'],
  mean_stay_hours: ['vistelse i snitt (timmar)', 'mean stay (hours)'],
  occupancy_mean: ['belagda platser i snitt', 'occupied places on average'],
  occupancy_pct: ['beläggning (%)', 'occupancy (%)'],
  days_above_capacity_per_year: ['dagar per år över antalet vårdplatser', 'days a year above the beds'],
  p_full: ['andel av tiden fullt', 'share of time full'],
  cost_per_year: ['kostnad per år (kr)', 'cost per year (SEK)'],
  visits_per_year: ['besök per år', 'visits per year'],
  hours_per_year: ['timmar per år', 'hours per year'],
  mean_visit_hours: ['besökstid i snitt (timmar)', 'mean visit (hours)'],
  present_mean: ['närvarande i snitt', 'present on average'],
  turned_away_per_year: ['avvisade per år', 'turned away per year'],
  p_turned_away: ['andel avvisade', 'share turned away'],
  placements_per_year: ['placeringar per år', 'placements per year'],
  own_placements_per_year: ['placeringar på egna platser per år', 'own placements per year'],
  purchased_placements_per_year: ['köpta placeringar per år', 'purchased placements per year'],
  placement_days_per_year: ['placeringsdygn per år', 'placement days per year'],
  own_days_per_year: ['dygn på egna platser per år', 'own days per year'],
  purchased_days_per_year: ['köpta dygn per år', 'purchased days per year'],
  concurrent_mean: ['placerade samtidigt i snitt', 'placed at once on average'],
  concurrent_purchased_mean: ['köpta samtidigt i snitt', 'purchased at once on average'],
  own_use_pct: ['beläggning av egna platser (%)', 'use of own places (%)'],
  mean_duration_days: ['placeringstid i snitt (dagar)', 'mean duration (days)'],
  referrals_per_year: ['remisser per år', 'referrals per year'],
  starts_per_year: ['påbörjade per år', 'starts per year'],
  enrolled_mean: ['inskrivna i snitt', 'enrolled on average'],
  enrolled_end: ['inskrivna vid periodens slut', 'enrolled at the end'],
  waiting_mean: ['väntande i snitt', 'waiting on average'],
  waiting_end: ['väntande vid periodens slut', 'waiting at the end'],
  mean_enrolment_days: ['behandlingstid i snitt (dagar)', 'mean enrolment (days)'],
  cases_started_per_year: ['påbörjade ärenden per år', 'cases started per year'],
  left_intake_per_year: ['lämnade intagslistan per år', 'left intake per year'],
  mean_case_days: ['ärendetid i snitt (dagar)', 'mean case (days)'],
  caseload_mean: ['öppna ärenden i snitt', 'open cases on average'],
  caseload_pct: ['ärenden av taket (%)', 'caseload of the limit (%)'],
};

const ORDER = Object.keys(NAMES);

// Where a metric comes in a table: the order above (arrivals, admissions, waits, stays,
// occupancy, cost), metrics per patient group after their unit's own.
export function metricRank(metric) {
  const byClass = metric.startsWith('by_class.');
  const base = byClass ? metric.split('.').pop() : metric;
  const i = ORDER.indexOf(base);
  return (byClass ? 1000 : 0) + (i < 0 ? 500 : i);
}

// Shares (p_...) are read as percentages.
export function isShare(metric) {
  return /(^|\.)p_[a-z_]+$/.test(metric);
}

export function metricName(metric, lang) {
  const i = lang === 'en' ? 1 : 0;
  if (NAMES[metric]) return NAMES[metric][i];
  const byClass = /^by_class\.([^.]+)\.(.+)$/.exec(metric);
  if (byClass) return `${byClass[1]}: ${metricName(byClass[2], lang)}`;
  return metric.replace(/_/g, ' ');
}
