#pragma once

#include "import/importresult.h"

#include <QElapsedTimer>
#include <QWidget>
#include <optional>

class QLabel;
class QProgressBar;
class QToolButton;

namespace gd {

/// Shows a running import: bytes and files done, the current file, time left, and Cancel.
class ImportProgressWidget : public QWidget {
    Q_OBJECT
public:
    explicit ImportProgressWidget(QWidget* parent = nullptr);

    /// Shows the widget and starts the clock for the time-left estimate.
    void begin();
    void setProgress(const ImportProgress& progress);
    /// Hides the widget.
    void end();

    /// Milliseconds left at the average rate so far; none until the rate means something.
    static std::optional<qint64> estimateRemainingMs(std::uint64_t bytesDone, std::uint64_t bytesTotal,
                                                     qint64 elapsedMs);
    /// "12 s", "3 min 05 s", "1 h 02 min".
    static QString formatDuration(qint64 ms);

    QString summaryText() const;

Q_SIGNALS:
    void cancelRequested();

private:
    QProgressBar* bar_;
    QLabel* summary_;
    QLabel* currentFile_;
    QToolButton* cancel_;
    QElapsedTimer clock_;
};

} // namespace gd
