#pragma once

#include <QString>
#include <string_view>

namespace gd {

/// True for Drupal Update Manager frames (update.fetch.inc, _update_process_fetch_task, UpdateFetcher...).
bool isUpdateManagerFrame(std::string_view function, std::string_view file);
/// True for frames that wait on a remote server (curl, sockets, drupal_http_request, SOAP...).
bool isRemoteCallFrame(std::string_view function);
/// The forcing distribution named in a path (apps, agov, erpal, ... from the support document), or empty.
QString distributionInPath(std::string_view path);

} // namespace gd
