#include "logviewer/logviewer.h"

#include "import/importresult.h"
#include "import/rawtext.h"
#include "logviewer/loghighlighterfactory.h"
#include "logviewer/logviewertext.h"
#include "logviewer/logviewertextview.h"

#include <QEvent>
#include <QLabel>
#include <QSyntaxHighlighter>
#include <QVBoxLayout>

namespace gd {

struct LogViewer::Fetched {
    std::uint16_t source = 0;
    std::uint32_t line = 0;
    std::uint64_t firstLine = 1;
    QStringList lines;
    QString error;
    bool ok = false;
};

LogViewer::LogViewer(QWidget* parent)
    : QWidget(parent)
    , header_(new QLabel(this))
    , status_(new QLabel(this))
    , view_(new LogViewerTextView(this))
    , highlighters_(std::make_unique<LogHighlighterFactory>())
    , indexJob_(this)
    , job_(this)
{
    // Paths come from the bundle: plain text, never markup.
    header_->setTextFormat(Qt::PlainText);
    header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header_->setObjectName(QStringLiteral("logViewerHeader"));
    header_->setText(tr("Select an event to see its log lines"));
    status_->setTextFormat(Qt::PlainText);
    status_->hide();
    view_->setObjectName(QStringLiteral("logViewerText"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(header_);
    layout->addWidget(status_);
    layout->addWidget(view_, 1);
}

LogViewer::~LogViewer() = default;

void LogViewer::setImport(std::shared_ptr<const ImportResult> import)
{
    job_.cancel(); // drops a fetch from the previous bundle
    indexJob_.cancel();
    indexedSource_.reset();
    import_ = std::move(import);
    reader_ = import_ ? std::make_shared<RawTextReader>(import_->sources) : nullptr;
    loading_ = false;
    shownLine_ = 0;
    view_->clearLines();
    status_->hide();
    header_->setText(tr("Select an event to see its log lines"));
}

void LogViewer::showLine(std::uint16_t source, std::uint32_t line)
{
    if (!import_ || !reader_ || source >= import_->sources.size() || line == 0)
        return;
    if (!loading_ && source == shownSource_ && line == shownLine_ && view_->markedLine() == line)
        return;
    loading_ = true;
    header_->setText(import_->sources[source].path);
    status_->setText(tr("Loading lines…"));
    status_->show();

    const std::uint64_t first = line > static_cast<std::uint32_t>(contextLines_) ? line - contextLines_ : 1;
    const auto count =
        static_cast<std::uint32_t>(line - first + 1 + static_cast<std::uint64_t>(contextLines_));
    std::shared_ptr<RawTextReader> reader = reader_;
    // A newer selection supersedes this one (LatestJob): only the newest lines are shown.
    job_.start([this, reader, source, line, first, count](const LatestJob::Run& run) {
        auto fetched = std::make_shared<Fetched>();
        fetched->source = source;
        fetched->line = line;
        fetched->firstLine = first;
        std::vector<std::string> raw;
        fetched->ok = reader->lines(source, first, count, raw, &fetched->error);
        if (run.isCancelled())
            return;
        fetched->lines.reserve(static_cast<qsizetype>(raw.size()));
        for (const std::string& text : raw)
            fetched->lines << safeDisplayText(text);
        run.deliver([this, fetched] { present(*fetched); });
    });
}

void LogViewer::present(const Fetched& fetched)
{
    loading_ = false;
    if (!fetched.ok) {
        view_->clearLines();
        status_->setText(tr("Cannot read the lines: %1").arg(fetched.error));
        status_->show();
        Q_EMIT loadFailed(fetched.error);
        return;
    }
    status_->hide();
    shownSource_ = fetched.source;
    shownLine_ = fetched.line;
    setHighlighter(import_->sources[fetched.source].kind);
    view_->showLines(fetched.lines, fetched.firstLine, fetched.line);
    Q_EMIT linesShown(fetched.source, fetched.line);
    indexAhead(fetched.source);
}

void LogViewer::indexAhead(std::uint16_t source)
{
    // Someone reading a big compressed file reads more of it: the rest of its access points are taken
    // now, on a worker of their own, so that the next line anywhere in it seeks instead of decoding.
    if (indexedSource_ == source || !reader_)
        return;
    indexedSource_ = source;
    std::shared_ptr<RawTextReader> reader = reader_;
    indexJob_.start(
        [reader, source](const LatestJob::Run& run) { reader->indexAhead(source, run.cancelFlag()); });
}

void LogViewer::setHighlighter(LogKind kind)
{
    if (highlighter_ && kind == highlightedKind_)
        return;
    delete highlighter_;
    highlighter_ = highlighters_->create(view_->document(), kind, palette());
    highlightedKind_ = kind;
}

std::uint32_t LogViewer::markedLine() const
{
    return static_cast<std::uint32_t>(view_->markedLine());
}

QString LogViewer::markedLineText() const
{
    return view_->markedLineText();
}

bool LogViewer::isMarkedLineVisible() const
{
    return view_->isMarkedLineVisible();
}

QString LogViewer::headerText() const
{
    return header_->text();
}

void LogViewer::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        view_->setColors(LogColors::fromPalette(palette()));
        if (highlighter_) {
            delete highlighter_;
            highlighter_ = highlighters_->create(view_->document(), highlightedKind_, palette());
        }
    }
    QWidget::changeEvent(event);
}

} // namespace gd
