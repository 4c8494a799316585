<?php
/**
 * @file
 * Lab front controller, shaped like Drupal 7's index.php (all dynamic pages go through here).
 */
define('DRUPAL_ROOT', __DIR__);
require_once DRUPAL_ROOT . '/includes/bootstrap.inc';
drupal_bootstrap();
menu_execute_active_handler();
