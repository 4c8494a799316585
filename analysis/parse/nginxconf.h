#pragma once

// The `log_format` definitions of an nginx configuration, so that the access logs of a bundle are read with
// the formats its own nginx.conf wrote them in (see ParserOptions::accessLogFormats).

#include "parse/nginxlogformat.h"

#include <string>
#include <string_view>
#include <vector>

namespace gd {

/// Every `log_format NAME [escape=...] '...' '...';` of `configText`, compiled, in the order they appear:
/// over several lines and quoted pieces, with comments. Definitions in `stream {}` and `mail {}` blocks (not
/// HTTP access logs) are left out. A definition that cannot be used (no time variable, a quoting error) is
/// left out too, and `problems`, when given, gets one message naming it.
std::vector<NginxLogFormat> logFormatsIn(std::string_view configText,
                                         std::vector<std::string>* problems = nullptr);

} // namespace gd
