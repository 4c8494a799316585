#include "shell/importprogresswidget.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace gd {

ImportProgressWidget::ImportProgressWidget(QWidget* parent)
    : QWidget(parent)
    , bar_(new QProgressBar(this))
    , summary_(new QLabel(this))
    , currentFile_(new QLabel(this))
    , cancel_(new QToolButton(this))
{
    bar_->setRange(0, 1000);
    bar_->setTextVisible(false);
    bar_->setMaximumWidth(160);
    currentFile_->setMaximumWidth(320);
    currentFile_->setTextFormat(Qt::PlainText);
    summary_->setTextFormat(Qt::PlainText);
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the import and keep what was open before (Esc)"));
    cancel_->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel_->setObjectName(QStringLiteral("cancelImport"));
    connect(cancel_, &QToolButton::clicked, this, &ImportProgressWidget::cancelRequested);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(summary_);
    layout->addWidget(bar_);
    layout->addWidget(currentFile_);
    layout->addWidget(cancel_);
    hide();
}

void ImportProgressWidget::begin()
{
    clock_.start();
    bar_->setValue(0);
    summary_->setText(tr("Importing…"));
    currentFile_->clear();
    show();
}

void ImportProgressWidget::end()
{
    hide();
}

void ImportProgressWidget::setProgress(const ImportProgress& progress)
{
    const QLocale locale;
    const auto permille = progress.inputBytesTotal == 0
                              ? 0
                              : static_cast<int>(1000.0 * static_cast<double>(progress.inputBytesDone) /
                                                 static_cast<double>(progress.inputBytesTotal));
    bar_->setValue(permille);
    QString text = tr("Importing %1 of %2 · file %3 of %4")
                       .arg(locale.formattedDataSize(static_cast<qint64>(progress.inputBytesDone)),
                            locale.formattedDataSize(static_cast<qint64>(progress.inputBytesTotal)))
                       .arg(std::min(progress.filesDone + 1, std::max(progress.filesTotal, 1)))
                       .arg(progress.filesTotal);
    const auto remaining =
        estimateRemainingMs(progress.inputBytesDone, progress.inputBytesTotal, clock_.elapsed());
    if (remaining)
        text += tr(" · about %1 left").arg(formatDuration(*remaining));
    summary_->setText(text);
    const QString name = QFileInfo(progress.currentFile).fileName();
    currentFile_->setText(
        currentFile_->fontMetrics().elidedText(name, Qt::ElideMiddle, currentFile_->maximumWidth()));
    currentFile_->setToolTip(progress.currentFile);
}

QString ImportProgressWidget::summaryText() const
{
    return summary_->text();
}

std::optional<qint64> ImportProgressWidget::estimateRemainingMs(std::uint64_t bytesDone,
                                                                std::uint64_t bytesTotal, qint64 elapsedMs)
{
    // Before half a second or 1 % the rate is mostly start-up noise.
    if (bytesTotal == 0 || bytesDone == 0 || elapsedMs < 500 || bytesDone * 100 < bytesTotal)
        return std::nullopt;
    if (bytesDone >= bytesTotal)
        return 0;
    const double rate = static_cast<double>(bytesDone) / static_cast<double>(elapsedMs);
    return static_cast<qint64>(static_cast<double>(bytesTotal - bytesDone) / rate);
}

QString ImportProgressWidget::formatDuration(qint64 ms)
{
    const qint64 seconds = (ms + 999) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QChar(u'0'));
}

} // namespace gd
