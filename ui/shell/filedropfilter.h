#pragma once

#include <QObject>
#include <QStringList>

class QMimeData;
class QWidget;

namespace gd {

/// Local files, folders and archives named by dragged data; empty when it holds anything else
/// (web links, plain text), so such a drop is refused rather than half-accepted.
QStringList localPathsFromMime(const QMimeData* mime);

/// Takes drops of local files anywhere on a window, even over child widgets that would accept
/// the drop themselves (a line edit would paste the path as text), and reports them.
class FileDropFilter : public QObject {
    Q_OBJECT
public:
    /// Installs itself on the application; `window` must accept drops.
    explicit FileDropFilter(QWidget* window);

Q_SIGNALS:
    void pathsDropped(const QStringList& paths);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* window_;
};

} // namespace gd
