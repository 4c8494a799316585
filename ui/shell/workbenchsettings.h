#pragma once

#include "shell/recentfiles.h"
#include "shell/timedisplay.h"

#include <QSettings>

class QMainWindow;

namespace gd {

/// The workbench's persistent settings: window layout, recent files, time display mode, recovery folder.
class WorkbenchSettings {
public:
    WorkbenchSettings() = default;

    void restoreWindow(QMainWindow* window) const;
    void saveWindow(const QMainWindow* window);

    RecentFiles recentFiles() const;
    void setRecentFiles(const RecentFiles& recent);

    TimeDisplay::Mode timeDisplayMode() const;
    void setTimeDisplayMode(TimeDisplay::Mode mode);

    /// Where windows keep their recovery files: the setting "recovery/folder" when given, else
    /// RecoveryFile::defaultFolder() ("recovery" under the application's local data folder).
    QString recoveryFolder() const;

private:
    QSettings settings_;
};

} // namespace gd
