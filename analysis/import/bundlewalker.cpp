#include "import/bundlewalker.h"

#include "import/archiveinput.h"
#include "import/gzipreader.h"
#include "import/kinddetector.h"

#include <QDirIterator>
#include <QFileInfo>
#include <algorithm>
#include <cstring>
#include <functional>

namespace gd {

/// Expanded-bytes bound for one input file, checked on every read of decompressed data.
struct BundleWalker::Budget {
    const ImportLimits& limits;
    const FileReader& input;
    QString inputPath;
    std::uint64_t expanded = 0;
    bool exceeded = false;
    QString reason;

    bool charge(std::size_t bytes)
    {
        expanded += bytes;
        if (expanded > limits.maxExpandedBytes) {
            reason =
                QStringLiteral("decompressed size passed the limit of %1 bytes").arg(limits.maxExpandedBytes);
            exceeded = true;
        } else if (expanded > limits.ratioGraceBytes &&
                   static_cast<double>(expanded) >
                       limits.maxCompressionRatio * static_cast<double>(input.bytesRead())) {
            reason = QStringLiteral(
                         "decompression ratio above %1:1 (%2 bytes from %3): likely a decompression bomb")
                         .arg(limits.maxCompressionRatio)
                         .arg(expanded)
                         .arg(input.bytesRead());
            exceeded = true;
        }
        return !exceeded;
    }
};

namespace {

/// Charges every byte read to the input's budget and fails once it is spent.
class BudgetedReader final : public ByteReader {
public:
    BudgetedReader(ByteReader& inner, std::function<bool(std::size_t)> charge,
                   std::function<QString()> reason)
        : inner_(inner)
        , charge_(std::move(charge))
        , reason_(std::move(reason))
    {
    }
    std::ptrdiff_t read(char* data, std::size_t size) override
    {
        if (spent_)
            return -1;
        const std::ptrdiff_t n = inner_.read(data, size);
        if (n > 0 && !charge_(static_cast<std::size_t>(n))) {
            spent_ = true;
            return -1;
        }
        return n;
    }
    QString errorString() const override { return spent_ ? reason_() : inner_.errorString(); }

private:
    ByteReader& inner_;
    std::function<bool(std::size_t)> charge_;
    std::function<QString()> reason_;
    bool spent_ = false;
};

QString stripCompressionSuffix(const QString& name)
{
    for (const char* suffix : {".gz", ".bz2", ".xz", ".zst", ".zstd", ".z", ".Z"}) {
        if (name.endsWith(QLatin1String(suffix)))
            return name.left(name.size() - static_cast<qsizetype>(std::strlen(suffix)));
    }
    return name;
}

} // namespace

void BundleWalker::refuse(const QString& display, const QString& reason, Diagnostic::Severity severity)
{
    sink_.diagnostic({severity, display, 0, reason});
    sink_.skipped({display, reason});
}

QString BundleWalker::nestingReason(const QString& typeName) const
{
    return QStringLiteral("%1 nested more than %2 levels deep; not opened")
        .arg(typeName)
        .arg(options_.limits.maxNestingDepth);
}

bool readHead(ByteReader& reader, std::string& head, std::size_t size)
{
    head.resize(size);
    const std::ptrdiff_t n = readFully(reader, head.data(), size);
    if (n < 0) {
        head.clear();
        return false;
    }
    head.resize(static_cast<std::size_t>(n));
    return true;
}

std::vector<InputFile> collectInputFiles(const QStringList& inputs, std::vector<Diagnostic>& diagnostics,
                                         std::vector<SkippedFile>& skipped)
{
    std::vector<InputFile> files;
    for (const QString& input : inputs) {
        const QFileInfo info(input);
        if (!info.exists()) {
            diagnostics.push_back(
                {Diagnostic::Severity::Error, input, 0, QStringLiteral("no such file or folder")});
            continue;
        }
        if (!info.isDir()) {
            files.push_back({input, input});
            continue;
        }
        std::vector<QString> found;
        // Symlinks are not followed: a bundle folder may hold links into the live system (/var/run).
        QDirIterator it(input, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QFileInfo file(path);
            if (file.isSymLink())
                skipped.push_back({path, QStringLiteral("symbolic link (not followed)")});
            else if (!file.isFile())
                // Opening a FIFO waits for a writer forever, a device may never end: neither is a log.
                // (A pipe given as an input itself, such as <(zcat ...), is still read.)
                skipped.push_back(
                    {path, QStringLiteral("not a regular file (a FIFO, socket or device); not read")});
            else
                found.push_back(path);
        }
        std::sort(found.begin(), found.end());
        for (const QString& path : found)
            files.push_back({path, input});
    }
    return files;
}

BundleWalker::BundleWalker(const ImportOptions& options, BundleSink& sink)
    : options_(options)
    , sink_(sink)
{
    parserOptions_.accessLogFormat = options_.accessLogFormat;
}

std::uint64_t BundleWalker::inputBytesRead() const
{
    return currentFile_ != nullptr ? currentFile_->bytesRead() : 0;
}

void BundleWalker::walkFile(const InputFile& input)
{
    const QString& path = input.path;
    FileReader file(path);
    if (!file.isOpen()) {
        sink_.diagnostic(
            {Diagnostic::Severity::Error, path, 0, QStringLiteral("cannot open: ") + file.errorString()});
        sink_.skipped({path, QStringLiteral("cannot open: ") + file.errorString()});
        return;
    }
    currentFile_ = &file;
    std::string head;
    if (!readHead(file, head)) {
        sink_.diagnostic(
            {Diagnostic::Severity::Error, path, 0, QStringLiteral("read error: ") + file.errorString()});
        currentFile_ = nullptr;
        return;
    }
    Budget budget{options_.limits, file, path, 0, false, {}};
    SourceLocation location;
    location.bundle = input.bundle;
    location.inputPath = path;
    process(file, std::move(head), location, QFileInfo(path).fileName(), 0, budget);
    currentFile_ = nullptr;
}

void BundleWalker::process(ByteReader& stream, std::string head, const SourceLocation& location,
                           const QString& name, int depth, Budget& budget)
{
    const ContainerType type = sniffContainer(head);
    if (type == ContainerType::Gzip && hasFastGzip())
        processGzip(stream, std::move(head), location, name, depth, budget, 0);
    else if (type != ContainerType::None)
        processArchive(stream, std::move(head), location, name, depth, budget);
    else
        processText(stream, std::move(head), location, name);
}

void BundleWalker::processGzip(ByteReader& stream, std::string head, const SourceLocation& location,
                               const QString& name, int depth, Budget& budget, int peeledLayers)
{
    // Same shape as libarchive's view: a .gz of a log is one level with the decompressed stream as
    // its only member (""), a tar.gz is one level with the tar's members, stacked gzips count each.
    const QString display = location.displayPath();
    if (depth + peeledLayers + 1 > options_.limits.maxNestingDepth) {
        const QString reason = nestingReason(QStringLiteral("gzip"));
        refuse(display, reason, Diagnostic::Severity::Warning);
        return;
    }
    GzipReader gzip(stream, std::move(head));
    std::string inner;
    if (!readHead(gzip, inner)) {
        const QString reason = QStringLiteral("cannot open gzip data: ") + gzip.errorString();
        refuse(display, reason, Diagnostic::Severity::Error);
        return;
    }
    if (inner.empty()) {
        sink_.skipped({display, QStringLiteral("empty file")}); // e.g. logrotate's gzip of an empty log
        return;
    }
    const ContainerType innerType = sniffContainer(inner);
    if (innerType == ContainerType::Gzip) {
        processGzip(gzip, std::move(inner), location, name, depth, budget, peeledLayers + 1);
        return;
    }
    if (innerType != ContainerType::None) {
        processArchive(gzip, std::move(inner), location, name, depth, budget, peeledLayers + 1);
        return;
    }
    SourceLocation child = location;
    child.memberChain << QString();
    child.compressed = true;
    if (!budget.charge(inner.size())) {
        sink_.diagnostic(
            {Diagnostic::Severity::Error, display, 0, budget.reason + QStringLiteral("; reading stopped")});
        return;
    }
    BudgetedReader data(
        gzip, [&budget](std::size_t n) { return budget.charge(n); }, [&budget] { return budget.reason; });
    processText(data, std::move(inner), child, stripCompressionSuffix(name));
    if (budget.exceeded && depth == 0)
        sink_.diagnostic(
            {Diagnostic::Severity::Error, display, 0, budget.reason + QStringLiteral("; reading stopped")});
}

void BundleWalker::processArchive(ByteReader& stream, std::string head, const SourceLocation& location,
                                  const QString& name, int depth, Budget& budget, int peeledLayers)
{
    const QString display = location.displayPath();
    const ContainerType type = sniffContainer(head);
    // What the user knows the file as: a tar.gz whose gzip layer was peeled already is "gzip" data.
    const QString typeName = peeledLayers > 0 ? QStringLiteral("gzip") : containerName(type);
    if (depth >= options_.limits.maxNestingDepth) {
        const QString reason = nestingReason(typeName);
        refuse(display, reason, Diagnostic::Severity::Warning);
        return;
    }
    ArchiveInput archive(stream, std::move(head));
    if (!archive.open()) {
        const QString reason = QStringLiteral("cannot open %1 data: %2").arg(typeName, archive.errorString());
        refuse(display, reason, Diagnostic::Severity::Error);
        return;
    }
    ArchiveEntry entry;
    bool anyEntry = false;
    int damagedHeaders = 0;
    while (!sink_.isCancelled() && !budget.exceeded) {
        const ArchiveInput::Step step = archive.next(entry);
        if (step == ArchiveInput::Step::End) {
            if (!anyEntry && damagedHeaders == 0)
                sink_.skipped(
                    {display, QStringLiteral("empty file")}); // e.g. logrotate's gzip of an empty log
            break;
        }
        if (step == ArchiveInput::Step::Damaged) {
            // Said once per archive; libarchive skips ahead, and whatever it finds after is still read.
            constexpr int kMaxDamagedHeaders = 1000;
            if (damagedHeaders++ == 0)
                sink_.diagnostic({Diagnostic::Severity::Error, display, 0,
                                  QStringLiteral("damaged %1 data: %2; the members there are missing")
                                      .arg(typeName, archive.errorString())});
            if (damagedHeaders >= kMaxDamagedHeaders)
                break;
            continue;
        }
        if (step == ArchiveInput::Step::Error) {
            sink_.diagnostic({Diagnostic::Severity::Error, display, 0,
                              QStringLiteral("damaged %1 data: %2; anything after this point is missing")
                                  .arg(typeName, archive.errorString())});
            break;
        }
        // libarchive peels stacked compressors (a .gz of a .gz ...) in one go: each layer is a level.
        if (!anyEntry &&
            depth + peeledLayers + archive.compressionLayers() > options_.limits.maxNestingDepth) {
            const QString reason = nestingReason(typeName);
            refuse(display, reason, Diagnostic::Severity::Warning);
            return;
        }
        anyEntry = true;
        SourceLocation child = location;
        QString childName;
        if (entry.isRawStream) {
            child.memberChain << QString(); // the decompressed stream of this very file
            childName = stripCompressionSuffix(name);
        } else {
            bool unsafe = false;
            const QString safe = safeMemberName(entry.name, &unsafe);
            child.memberChain << safe;
            childName = safe;
            if (unsafe) {
                sink_.diagnostic({Diagnostic::Severity::Warning, child.displayPath(), 0,
                                  QStringLiteral("member name \"%1\" is absolute or climbs out with \"..\"; "
                                                 "read in memory only, nothing is extracted")
                                      .arg(entry.name)});
            }
        }
        child.compressed = true;
        if (entry.isLink) {
            sink_.skipped(
                {child.displayPath(), QStringLiteral("link to \"%1\" (not followed)").arg(entry.linkTarget)});
            continue;
        }
        if (!entry.isRegular) {
            // Folders carry nothing to read; devices and FIFOs neither, but are listed: a bundle made
            // from /dev or /run by mistake should say what it held.
            if (!entry.specialType.isEmpty())
                sink_.skipped({child.displayPath(), QStringLiteral("%1 (not read)").arg(entry.specialType)});
            continue;
        }
        BudgetedReader data(
            archive.data(), [&budget](std::size_t n) { return budget.charge(n); },
            [&budget] { return budget.reason; });
        std::string childHead;
        if (!readHead(data, childHead)) {
            sink_.diagnostic({Diagnostic::Severity::Error, child.displayPath(), 0,
                              QStringLiteral("cannot read: ") + data.errorString()});
            sink_.skipped({child.displayPath(), QStringLiteral("cannot read: ") + data.errorString()});
            if (budget.exceeded)
                break;
            continue;
        }
        process(data, std::move(childHead), child, childName, depth + 1, budget);
    }
    if (budget.exceeded && depth == 0) {
        sink_.diagnostic(
            {Diagnostic::Severity::Error, display, 0, budget.reason + QStringLiteral("; reading stopped")});
    }
}

void BundleWalker::processText(ByteReader& stream, std::string head, const SourceLocation& location,
                               const QString& name)
{
    const QString display = location.displayPath();
    const auto formats = sink_.learnedFormats();
    ParserOptions options = parserOptions_;
    if (formats)
        options.accessLogFormats = *formats;
    const KindDecision decision = detectKind(head, name, options);
    if (decision.kind != LogKind::Unknown) {
        sink_.foundLog(location, decision, std::move(head), stream);
        return;
    }
    if (decision.isConfig && head.size() <= options_.limits.maxConfigBytes) {
        std::string rest;
        if (readHead(stream, rest, options_.limits.maxConfigBytes - head.size() + 1) &&
            head.size() + rest.size() <= options_.limits.maxConfigBytes) {
            head += rest;
            sink_.foundConfig({display, location.serverKey(),
                               QByteArray(head.data(), static_cast<qsizetype>(head.size()))});
            return;
        }
        sink_.skipped(
            {display,
             QStringLiteral("configuration file larger than %1 bytes").arg(options_.limits.maxConfigBytes)});
        return;
    }
    sink_.skipped(
        {display, decision.isConfig ? QStringLiteral("configuration file too large") : decision.skipReason});
}

} // namespace gd
