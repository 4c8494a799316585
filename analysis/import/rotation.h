#pragma once

#include <QString>

namespace gd {

struct RotationName {
    QString family; ///< path without the rotation suffix: "var/log/nginx/access.log"
    int index = 0;  ///< 0 for the live file; N for ".N"; dateext copies sort by date (older = higher)
    qint64 dateKey = 0;
};

/// Reads logrotate's naming: "error.log.2.gz", "error.log.1", "syslog-20261124.gz".
RotationName rotationName(const QString& displayPath);

} // namespace gd
