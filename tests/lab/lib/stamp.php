<?php
/**
 * @file
 * Reads a server's output stream line by line and writes "EPOCH_NS<TAB>LINE" for each line as it
 * arrives (flushed at once), like a container runtime stamping what a container writes.
 *
 * usage: php stamp.php OFFSET_SECONDS < STREAM > OUT.tsv
 * OFFSET_SECONDS: the lab's libfaketime offset, so the stamps use the servers' clock.
 * Nanoseconds come from the monotonic clock, anchored once to the wall clock.
 */

$offset = isset($argv[1]) ? (int) $argv[1] : 0;
$tv = gettimeofday();
$base = ($tv['sec'] + $offset) * 1000000000 + $tv['usec'] * 1000;
$hr = hrtime(TRUE);
while (($line = fgets(STDIN)) !== FALSE) {
  $now = $base + (hrtime(TRUE) - $hr);
  fwrite(STDOUT, $now . "\t" . rtrim($line, "\n") . "\n");
  fflush(STDOUT);
}
