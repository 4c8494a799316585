#pragma once

#include "export/reportinputs.h"
#include "jobs/latestjob.h"

#include <QImage>
#include <QObject>

namespace gd {

/// Lays a client report out on pages and draws each page as a thumbnail, off the UI thread. Only
/// the newest request counts: a new one supersedes one still drawing, and nothing more of the old
/// one arrives.
class ReportPreview : public QObject {
    Q_OBJECT
public:
    explicit ReportPreview(QObject* parent = nullptr);
    ~ReportPreview() override;

    /// Thumbnails `width` pixels wide (device-independent) for a screen of `devicePixelRatio`.
    void request(const ReportInputs& inputs, const ClientReportOptions& options, int width,
                 qreal devicePixelRatio);
    /// Drops the request being drawn (the choices no longer make a report).
    void cancel();
    bool isRunning() const { return running_; }

Q_SIGNALS:
    /// The newest request is laid out: `count` pages follow one by one.
    void pageCountKnown(int count);
    void pageReady(int index, const QImage& thumbnail);
    /// Every page of the newest request was delivered.
    void finished();

private:
    bool running_ = false;
    LatestJob job_; ///< last member: joined before the rest goes
};

} // namespace gd
