<?php
/**
 * @file
 * Writes the bundle's var/log/syslog (RFC 3164 "traditional" format, server local time).
 *
 * The sandbox has no kernel log, so for every "child N exited on signal 11 (SIGSEGV)" line in the
 * PHP-FPM log this adds the kernel line the crash would have produced (docs/log-formats.md, Kernel
 * and syslog), with the real pid and time, and the real mapping of the crashing module taken from
 * the FPM master's /proc/PID/maps. Besides that only BOA's minute cron lines are written.
 *
 * usage: php syslog.php --fpm-log=F --maps=F --tz=ZONE --from=EPOCH --to=EPOCH --out=F
 *                       [--periods=B-E,B-E,...] [--module=php-fpm8.2|opcache.so|none]
 *                       [--style=stack|null] [--host=srv1]
 * --periods: the spans (epochs) the servers ran; minute cron lines are written only there.
 */

$opt = getopt('', array('fpm-log:', 'maps:', 'tz:', 'from:', 'to:', 'out:', 'periods::', 'module::', 'style::', 'host::', 'seed::'));
foreach (array('fpm-log', 'maps', 'tz', 'from', 'to', 'out') as $k) {
  if (!isset($opt[$k])) {
    fwrite(STDERR, "syslog.php: missing --$k\n");
    exit(2);
  }
}
$tz = new DateTimeZone($opt['tz']);
$host = isset($opt['host']) ? $opt['host'] : 'srv1';
$module = isset($opt['module']) ? $opt['module'] : 'none';
$style = isset($opt['style']) ? $opt['style'] : 'stack';
mt_srand(isset($opt['seed']) ? (int) $opt['seed'] : crc32($opt['out']));
$from = (int) $opt['from'];
$to = (int) $opt['to'];
// A boot time some days before the bundle, for the kernel's seconds-since-boot prefix.
$boot = $from - 86400 * 9 - mt_rand(0, 86400);

$lines = array();

function syslog_stamp($epoch, DateTimeZone $tz) {
  $d = new DateTime('@' . (int) $epoch);
  $d->setTimezone($tz);
  return sprintf('%s %2d %s', $d->format('M'), (int) $d->format('j'), $d->format('H:i:s'));
}

function add_line(array &$lines, $epoch, $text, DateTimeZone $tz, $host) {
  $lines[] = array($epoch, count($lines), syslog_stamp($epoch, $tz) . ' ' . $host . ' ' . $text);
}

// BOA runs its monitor every minute from root's crontab.
$periods = array();
foreach (array_filter(explode(',', isset($opt['periods']) ? $opt['periods'] : '')) as $p) {
  $periods[] = array_map('intval', explode('-', $p));
}
if (!$periods) {
  $periods[] = array($from, $to);
}
foreach ($periods as list($pa, $pb)) {
  for ($t = $pa - ($pa % 60) + 60; $t <= $pb; $t += 60) {
    add_line($lines, $t, 'CRON[' . mt_rand(20000, 60000) . ']: (root) CMD (bash /var/xdrago/minute.sh >/dev/null 2>&1)', $tz, $host);
  }
}

// Mappings of the FPM master (children are forked from it and share its layout).
$maps = array();
$stack = NULL;
foreach (file($opt['maps'], FILE_IGNORE_NEW_LINES) as $m) {
  $f = preg_split('/\s+/', $m, 6);
  list($lo, $hi) = array_map('hexdec', explode('-', $f[0]));
  $name = isset($f[5]) ? basename(trim($f[5])) : '';
  if (trim(isset($f[5]) ? $f[5] : '') === '[stack]') {
    $stack = array($lo, $hi);
  }
  if ($f[1] === 'r-xp' && $name !== '' && !isset($maps[$name])) {
    $maps[$name] = array($lo, $hi - $lo);
  }
}

$added = 0;
if ($module !== 'none') {
  if (!isset($maps[$module])) {
    fwrite(STDERR, "syslog.php: module $module not mapped in the FPM master\n");
    exit(1);
  }
  list($mlo, $mlen) = $maps[$module];
  list($slo, $shi) = $stack ?: array(0x7ffd1e000000, 0x7ffd1e021000);
  foreach (file($opt['fpm-log'], FILE_IGNORE_NEW_LINES) as $l) {
    if (!preg_match('/^\[(\d\d-\w{3}-\d{4} \d\d:\d\d:\d\d)\] WARNING: \[pool [^\]]+\] child (\d+) exited on signal 11 \(SIGSEGV/', $l, $mm)) {
      continue;
    }
    $when = DateTime::createFromFormat('d-M-Y H:i:s', $mm[1], $tz)->getTimestamp();
    $pid = $mm[2];
    $ip = $mlo + 0x1000 + mt_rand(0, (int) ($mlen - 0x2000)) & ~0x3;
    if ($style === 'stack') {
      // Stack overflow: write just below the 8 MiB stack limit, address next to sp.
      $sp = ($shi - 0x800000 + 0x40 + mt_rand(0, 0x300)) & ~0xf;
      $at = $sp - 8;
      $err = 6;
    }
    else {
      // NULL pointer read inside the module.
      $sp = ($shi - 0x2000 - mt_rand(0, 0x8000)) & ~0xf;
      $at = 0;
      $err = 4;
    }
    $up = ($when - $boot) + mt_rand(0, 999999) / 1e6;
    $cpu = mt_rand(0, 1);
    $kernel = sprintf('kernel: [%12.6f] php-fpm8.2[%s]: segfault at %x ip %016x sp %016x error %d in %s[%x+%x] likely on CPU %d (core %d, socket 0)',
      $up, $pid, $at, $ip, $sp, $err, $module, $mlo, $mlen, $cpu, $cpu);
    add_line($lines, $when, $kernel, $tz, $host);
    $code = array();
    for ($i = 0; $i < 64; $i++) {
      $b = sprintf('%02x', mt_rand(0, 255));
      $code[] = $i === 42 ? "<$b>" : $b;
    }
    add_line($lines, $when, sprintf('kernel: [%12.6f] Code: %s', $up, implode(' ', $code)), $tz, $host);
    $added++;
  }
}

usort($lines, function ($a, $b) {
  return $a[0] === $b[0] ? $a[1] - $b[1] : $a[0] - $b[0];
});
$out = '';
foreach ($lines as $l) {
  $out .= $l[2] . "\n";
}
file_put_contents($opt['out'], $out);
print "$added\n";
