<?php
/**
 * @file
 * Writes <scenario>.label.json from what the scenario script recorded.
 *
 * usage: php label.php SCENARIO TIMEZONE INCIDENTS_TSV NOTES_TXT CLIENT_LOG OUT_JSON
 *
 * INCIDENTS_TSV: cause, start epoch, end epoch, hosts, urls, segfault module (tab separated;
 * hosts/urls comma separated, "@observed" = the hosts/paths that got 502/504 in the window
 * according to the lab's own client log; "-" = none).
 * CLIENT_LOG: lines "start end ip host method path code seconds" (server clock).
 */

list(, $scenario, $tz, $incidents_file, $notes_file, $client_log, $out) = $argv;

function iso_utc($epoch, $ceil = FALSE) {
  $s = $ceil ? (int) ceil($epoch) : (int) floor($epoch);
  return gmdate('Y-m-d\TH:i:s\Z', $s);
}

$requests = array();
if (is_file($client_log)) {
  foreach (file($client_log, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $l) {
    $f = explode(' ', $l);
    if (count($f) >= 8) {
      $requests[] = array('start' => (float) $f[0], 'end' => (float) $f[1], 'host' => $f[3],
        'path' => $f[5], 'code' => $f[6]);
    }
  }
}

$incidents = array();
foreach (file($incidents_file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $l) {
  list($cause, $start, $end, $hosts, $urls, $module) = explode("\t", $l) + array_fill(0, 6, '-');
  $start = (float) $start;
  $end = (float) $end;
  $counts = array('502' => 0, '504' => 0, 'other' => 0);
  $bad_hosts = $bad_urls = array();
  foreach ($requests as $r) {
    // A request belongs to the window if it finished inside it.
    if ($r['end'] < $start || $r['end'] > $end) {
      continue;
    }
    if ($r['code'] === '502' || $r['code'] === '504') {
      $counts[$r['code']]++;
      $bad_hosts[$r['host']] = TRUE;
      $bad_urls[$r['path']] = TRUE;
    }
    else {
      $counts['other']++;
    }
  }
  $list = function ($v, array $observed) {
    if ($v === '@observed') {
      $keys = array_keys($observed);
      sort($keys);
      return array_slice($keys, 0, 40);
    }
    return $v === '-' || $v === '' ? array() : explode(',', $v);
  };
  $incidents[] = array(
    'cause' => $cause,
    'start_utc' => iso_utc($start),
    'end_utc' => iso_utc($end, TRUE),
    'hosts' => $list($hosts, $bad_hosts),
    'urls' => $list($urls, $bad_urls),
    'segfault_module' => ($module === '-' || $module === '') ? NULL : $module,
    'client_view' => array('requests_502' => $counts['502'], 'requests_504' => $counts['504'],
      'requests_other_status' => $counts['other']),
  );
}

$notes = is_file($notes_file) ? file($notes_file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) : array();
// A bundle that names no zone is read in the zone of whatever machine imports it: the label then claims none.
$label = array(
  'scenario' => $scenario,
  'generated_utc' => gmdate('Y-m-d\TH:i:s\Z'),
  'server_timezone' => getenv('LAB_LABEL_ZONE_UNKNOWN') ? NULL : $tz,
);
// A bundle without any log of the failed requests (PHP-FPM side only) shows its incidents without 502 lines.
if (getenv('LAB_LABEL_NO_FAILURE_LINES'))
  $label['failure_lines'] = FALSE;
$label['incidents'] = $incidents;
$label['notes'] = $notes;
file_put_contents($out, json_encode($label, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
