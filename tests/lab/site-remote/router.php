<?php
/**
 * @file
 * Router for `php -S 127.0.0.1:PORT router.php`: a slow remote service on loopback.
 * Stands in for a carrier API (/api/...) and updates.drupal.org (/release-history/...).
 * ?delay=SECONDS makes it wait before answering (capped at 25 s).
 */
$delay = isset($_GET['delay']) ? min(25.0, max(0.0, (float) $_GET['delay'])) : 0.0;
usleep((int) ($delay * 1000000));
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (strpos($path, '/release-history/') === 0) {
  header('Content-Type: application/xml');
  $project = htmlspecialchars(explode('/', $path)[2] ?? 'drupal');
  print "<?xml version=\"1.0\"?>\n<project><short_name>$project</short_name><releases></releases></project>\n";
  return TRUE;
}
header('Content-Type: application/json');
print json_encode(array('rate' => mt_rand(500, 2500) / 100, 'currency' => 'EUR'));
return TRUE;
