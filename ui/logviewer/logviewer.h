#pragma once

#include "jobs/latestjob.h"
#include "model/logkind.h"

#include <QWidget>
#include <cstdint>
#include <memory>
#include <optional>

class QLabel;
class QSyntaxHighlighter;

namespace gd {

class LogHighlighterFactory;
class LogViewerTextView;
class RawTextReader;
struct ImportResult;

/// The raw lines around the selected event, read from the bundle off the UI thread, with the
/// event's line marked and the file's real line numbers in the margin. Log text is hostile: it
/// is shown as plain text with invalid UTF-8 and control characters made visible.
class LogViewer : public QWidget {
    Q_OBJECT
public:
    explicit LogViewer(QWidget* parent = nullptr);
    ~LogViewer() override;

    void setImport(std::shared_ptr<const ImportResult> import);
    /// Shows the lines around `line` (1-based) of `source` and marks it. Asynchronous:
    /// linesShown() follows unless a newer request came first.
    void showLine(std::uint16_t source, std::uint32_t line);
    /// Lines shown before and after the marked one (default 200).
    void setContextLines(int lines) { contextLines_ = lines; }
    int contextLines() const { return contextLines_; }

    std::uint32_t markedLine() const;
    QString markedLineText() const;
    bool isMarkedLineVisible() const;
    QString headerText() const;
    bool isLoading() const { return loading_; }
    const std::shared_ptr<const ImportResult>& import() const { return import_; }
    /// The reader of import() (shared with the incident detail: one cache of decoded members).
    std::shared_ptr<RawTextReader> rawTextReader() const { return reader_; }
    LogViewerTextView* textView() const { return view_; }

Q_SIGNALS:
    void linesShown(std::uint16_t source, std::uint32_t line);
    void loadFailed(const QString& error);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Fetched;
    void present(const Fetched& fetched);
    void setHighlighter(LogKind kind);
    void indexAhead(std::uint16_t source);

    QLabel* header_;
    QLabel* status_;
    LogViewerTextView* view_;
    std::unique_ptr<LogHighlighterFactory> highlighters_;
    QSyntaxHighlighter* highlighter_ = nullptr;
    LogKind highlightedKind_ = LogKind::Unknown;
    std::shared_ptr<const ImportResult> import_;
    std::shared_ptr<RawTextReader> reader_;
    int contextLines_ = 200;
    bool loading_ = false;
    std::uint16_t shownSource_ = 0;
    std::uint32_t shownLine_ = 0;
    std::optional<std::uint16_t> indexedSource_; ///< the big compressed file indexAhead() last ran on
    LatestJob indexJob_; ///< takes a big compressed file's access points while the user reads it
    LatestJob job_;      ///< last member: joined before the rest goes
};

} // namespace gd
