<?php
/**
 * @file
 * Writes what container tools keep of the captured streams (lib/capture.sh):
 *  - STAGE/docker-compose.log: every service's lines in arrival order, prefixed "web-1  | "
 *    as `docker compose up`/`logs` prints them (no colours, no times);
 *  - STAGE/var/lib/docker/containers/ID/ID-json.log per service: Docker's json-file driver lines
 *    {"log":"LINE\n","stream":"stdout|stderr","time":"RFC 3339, nanoseconds, UTC"}.
 *
 * usage: php container.php CAPTURE_DIR STAGE_DIR LAB_ROOT SERVICE...
 * The lab root prefix is removed from the lines, as from every other log of a bundle.
 */

list(, $capture, $stage, $root) = $argv;
$services = array_slice($argv, 4);

$lines = array();
$seq = 0;
foreach ($services as $service) {
  foreach (array('stdout', 'stderr') as $stream) {
    $file = "$capture/$service.$stream.tsv";
    if (!is_file($file)) {
      continue;
    }
    foreach (file($file, FILE_IGNORE_NEW_LINES) as $l) {
      list($ns, $text) = explode("\t", $l, 2) + array('', '');
      $lines[] = array((int) $ns, $seq++, $service, $stream, str_replace($root, '', $text));
    }
  }
}
usort($lines, function ($a, $b) {
  return $a[0] <=> $b[0] ?: $a[1] <=> $b[1];
});

// Go's encoding/json string escaping (HTML-safe, as Docker writes it).
function go_json_string($s) {
  $out = '"';
  $n = strlen($s);
  for ($i = 0; $i < $n; $i++) {
    $c = $s[$i];
    $o = ord($c);
    if ($c === '"' || $c === '\\') {
      $out .= '\\' . $c;
    }
    elseif ($c === "\n") {
      $out .= '\n';
    }
    elseif ($c === "\r") {
      $out .= '\r';
    }
    elseif ($c === "\t") {
      $out .= '\t';
    }
    elseif ($o < 0x20 || $c === '<' || $c === '>' || $c === '&') {
      $out .= sprintf('\u%04x', $o);
    }
    elseif ($o === 0xE2 && in_array(substr($s, $i, 3), array("\u{2028}", "\u{2029}"), TRUE)) {
      $out .= substr($s, $i, 3) === "\u{2028}" ? '\u2028' : '\u2029';
      $i += 2;
    }
    else {
      $out .= $c;
    }
  }
  return $out . '"';
}

// RFC 3339 with nanoseconds in UTC, trailing zeros dropped (Go's time.RFC3339Nano).
function rfc3339_nano($ns) {
  $sec = intdiv($ns, 1000000000);
  $frac = rtrim(sprintf('%09d', $ns % 1000000000), '0');
  return gmdate('Y-m-d\TH:i:s', $sec) . ($frac === '' ? '' : '.' . $frac) . 'Z';
}

$width = max(array_map(function ($s) {
  return strlen("$s-1");
}, $services)) + 1;
$compose = '';
$json = array_fill_keys($services, '');
foreach ($lines as list($ns, , $service, $stream, $text)) {
  $compose .= str_pad("$service-1", $width) . ' | ' . $text . "\n";
  $json[$service] .= '{"log":' . go_json_string($text . "\n") . ',"stream":"' . $stream . '","time":"'
    . rfc3339_nano($ns) . "\"}\n";
}
file_put_contents("$stage/docker-compose.log", $compose);
foreach ($json as $service => $text) {
  $id = hash('sha256', "gateway-doctor-lab/$service/" . basename($stage) . '/' . microtime());
  $dir = "$stage/var/lib/docker/containers/$id";
  mkdir($dir, 0755, TRUE);
  file_put_contents("$dir/$id-json.log", $text);
}
