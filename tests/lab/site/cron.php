<?php
/**
 * @file
 * Lab cron entry point: like Drupal 7's cron.php it runs hook_cron, here only the update check.
 */
define('DRUPAL_ROOT', __DIR__);
require_once DRUPAL_ROOT . '/includes/bootstrap.inc';
drupal_bootstrap();
require_once DRUPAL_ROOT . '/modules/update/update.module';
update_cron();
print "cron ok\n";
