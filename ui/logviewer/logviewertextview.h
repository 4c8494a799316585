#pragma once

#include "logviewer/loghighlighterpalette.h"

#include <QPlainTextEdit>
#include <QStringList>
#include <cstdint>

namespace gd {

/// Read-only text of a window of log lines with a gutter showing the file's real line numbers
/// and a marker plus background band on the line of the selected event.
class LogViewerTextView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit LogViewerTextView(QWidget* parent = nullptr);

    /// Shows `lines` (already made safe for display) as lines firstLine, firstLine + 1, ...;
    /// marks the line numbered `markedLine` (0: none) and scrolls it into the middle.
    void showLines(const QStringList& lines, std::uint64_t firstLine, std::uint64_t markedLine);
    void clearLines();

    std::uint64_t firstLine() const { return firstLine_; }
    std::uint64_t markedLine() const { return markedLine_; }
    /// Text of the marked line as displayed ("" when none).
    QString markedLineText() const;
    /// True when the marked line is inside the visible part of the viewport.
    bool isMarkedLineVisible() const;
    void setColors(const LogColors& colors);

    int gutterWidth() const;
    void paintGutter(QPaintEvent* event);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect& rect, int dy);
    void updateMarkBand();

    QWidget* gutter_;
    LogColors colors_;
    std::uint64_t firstLine_ = 1;
    std::uint64_t markedLine_ = 0;
};

} // namespace gd
