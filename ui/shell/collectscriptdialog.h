#pragma once

#include <QDialog>

class QLabel;

namespace gd {

/// Help ▸ Log Collection Script: shows the script support sends to a client to pack a server's logs
/// (docs/collecting-logs.md) and saves a copy of it. The script is built into the application, so the
/// copy always matches the version that reads its archives.
class CollectScriptDialog : public QDialog {
    Q_OBJECT
public:
    explicit CollectScriptDialog(QWidget* parent = nullptr);

    /// The script as built in (":/gatewaydoctor/collect/gateway-doctor-collect.sh").
    static QByteArray scriptText();
    static QString scriptFileName();

    /// Writes the script to path atomically, executable by its owner; on failure returns false and says
    /// why in *error. Never replaces an existing file with a half-written one.
    static bool saveScript(const QString& path, QString* error);

private:
    void saveWithDialog();
    void copyRunCommand();

    QLabel* status_;
};

} // namespace gd
