#include "import/importer.h"

#include "import/heaprelease.h"

#include "import/bundlewalker.h"
#include "import/learnedformats.h"
#include "import/sourceparser.h"
#include "import/timelinebuilder.h"

#include <QFile>
#include <QFileInfo>
#include <condition_variable>
#include <deque>
#include <optional>
#include <thread>

namespace gd {

namespace {

constexpr std::size_t kChunkBytes = 1 << 20;
constexpr std::size_t kQueueDepth = 4;

/// Hands chunks from the reading thread to the parsing thread of one source.
class ChunkQueue {
public:
    void push(std::string chunk)
    {
        std::unique_lock lock(mutex_);
        notFull_.wait(lock, [this] { return chunks_.size() < kQueueDepth; });
        chunks_.push_back(std::move(chunk));
        notEmpty_.notify_one();
    }
    void close()
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        notEmpty_.notify_one();
    }
    std::optional<std::string> pop()
    {
        std::unique_lock lock(mutex_);
        notEmpty_.wait(lock, [this] { return !chunks_.empty() || closed_; });
        if (chunks_.empty())
            return std::nullopt;
        std::string chunk = std::move(chunks_.front());
        chunks_.pop_front();
        notFull_.notify_one();
        return chunk;
    }

private:
    std::mutex mutex_;
    std::condition_variable notEmpty_;
    std::condition_variable notFull_;
    std::deque<std::string> chunks_;
    bool closed_ = false;
};

/// Limits how many sources are parsed at once.
class Slots {
public:
    explicit Slots(int count)
        : free_(count)
    {
    }
    void acquire()
    {
        std::unique_lock lock(mutex_);
        available_.wait(lock, [this] { return free_ > 0; });
        --free_;
    }
    void release()
    {
        std::lock_guard lock(mutex_);
        ++free_;
        available_.notify_one();
    }

private:
    std::mutex mutex_;
    std::condition_variable available_;
    int free_;
};

} // namespace

/// One run of the importer: the BundleSink that collects sources, configs and messages.
class Importer::Session final : public BundleSink {
public:
    Session(Importer& owner, int parseThreads)
        : owner_(owner)
        , slots_(parseThreads)
    {
        parserOptions_.accessLogFormat = owner_.options_.accessLogFormat;
    }

    ~Session() override { joinParsers(); }

    void foundLog(const SourceLocation& location, const KindDecision& decision, std::string head,
                  ByteReader& rest) override
    {
        ParsedSource* target = addSource(location, decision.kind, decision.loose, {});
        // The formats the bundle's nginx.conf defined so far; the parser keeps the snapshot alive.
        std::shared_ptr<const LearnedLogFormats::Formats> formats = learned_.snapshot();
        LaneSourceFactory lanes;
        if (decision.loose) {
            lanes = [this, location](LogKind kind, const std::string& stream) {
                return addSource(location, kind, true, QString::fromStdString(stream));
            };
        }
        setCurrentFile(target->info.path);
        const bool wholeFileInHead = head.size() < 64 * 1024;
        if (wholeFileInHead) {
            // Small files are parsed right here: a thread would cost more than the parse.
            SourceParser parser(*target, withFormats(*formats), owner_.options_.limits.maxLineBytes,
                                &owner_.liveCounts_, lanes);
            parser.shareStringsWith(pools_.get());
            parser.feed(head);
            parser.finish();
            countEvents(parser.eventsStored(), *target, parser.linesRead());
            owner_.linesParsed_ += target->info.lines;
            return;
        }
        slots_.acquire();
        auto queue = std::make_shared<ChunkQueue>();
        startParser(target, queue, std::move(lanes), std::move(formats));
        queue->push(std::move(head));
        while (!isCancelled()) {
            std::string chunk(kChunkBytes, '\0');
            // Not readFully(): on a read error it drops the part of the chunk already read, and the
            // lines just before a truncation or a hit limit are often the ones that matter.
            std::size_t filled = 0;
            std::ptrdiff_t n = 0;
            while (filled < chunk.size() && (n = rest.read(chunk.data() + filled, chunk.size() - filled)) > 0)
                filled += static_cast<std::size_t>(n);
            chunk.resize(filled);
            owner_.bytesDone_.store(walkerBytes());
            if (filled > 0)
                queue->push(std::move(chunk));
            if (n < 0) {
                diagnostic(
                    {Diagnostic::Severity::Error, target->info.path, 0,
                     QStringLiteral("read error, the rest of the file is missing: ") + rest.errorString()});
                break;
            }
            if (filled == 0)
                break;
        }
        queue->close();
    }

    void foundConfig(ConfigFile file) override
    {
        learned_.learnFrom(file);
        std::lock_guard lock(mutex_);
        configs_.push_back(std::move(file));
    }
    void skipped(SkippedFile file) override
    {
        std::lock_guard lock(mutex_);
        skipped_.push_back(std::move(file));
    }
    void diagnostic(Diagnostic message) override
    {
        std::lock_guard lock(mutex_);
        diagnostics_.push_back(std::move(message));
    }
    /// Cancelled, or the memory budget is spent: either way nothing more is read.
    bool isCancelled() const override { return owner_.isCancelled() || overBudget_; }
    bool overBudget() const { return overBudget_; }
    std::shared_ptr<const std::vector<NginxLogFormat>> learnedFormats() const override
    {
        return learned_.snapshot();
    }

    void walk(const std::vector<InputFile>& files, int readerThreads)
    {
        // Plain nginx configurations first, so every access log of a folder is read with the formats they
        // define, whichever reader thread meets it first (archives give their members in their own order).
        for (const InputFile& file : files) {
            if (!file.path.endsWith(QLatin1String(".conf")))
                continue;
            QFile config(file.path);
            if (config.size() <= owner_.options_.limits.maxConfigBytes && config.open(QIODevice::ReadOnly))
                learned_.learnFrom({file.path, QString(), config.readAll()});
        }
        std::atomic<std::size_t> nextFile{0};
        std::atomic<std::uint64_t> finishedBytes{0};
        std::vector<std::uint8_t> started(files.size(), 0);
        auto reader = [&] {
            BundleWalker walker(owner_.options_, *this);
            for (std::size_t i = nextFile++; i < files.size() && !isCancelled(); i = nextFile++) {
                started[i] = 1;
                {
                    std::lock_guard lock(walkerMutex_);
                    activeWalkers_.push_back(&walker);
                }
                walker.walkFile(files[i]);
                {
                    std::lock_guard lock(walkerMutex_);
                    std::erase(activeWalkers_, &walker);
                }
                finishedBytes += static_cast<std::uint64_t>(QFileInfo(files[i].path).size());
                finishedBytes_.store(finishedBytes.load());
                std::lock_guard lock(owner_.progressMutex_);
                ++owner_.progress_.filesDone;
            }
        };
        std::vector<std::thread> readers;
        for (int i = 1; i < readerThreads; ++i)
            readers.emplace_back(reader);
        reader();
        for (std::thread& thread : readers)
            thread.join();
        joinParsers();
        if (overBudget_ && !owner_.isCancelled()) {
            for (std::size_t i = 0; i < files.size(); ++i) {
                if (!started[i])
                    diagnostic({Diagnostic::Severity::Warning, files[i].path, 0,
                                QStringLiteral("not read: the memory budget stopped the import before it")});
            }
        }
    }

    std::vector<std::unique_ptr<ParsedSource>> takeSources() { return std::move(sources_); }
    std::unique_ptr<SharedPools> takePools() { return std::move(pools_); }
    std::vector<ConfigFile> takeConfigs() { return std::move(configs_); }
    std::vector<SkippedFile> takeSkipped() { return std::move(skipped_); }
    std::vector<Diagnostic> takeDiagnostics() { return std::move(diagnostics_); }

private:
    ParsedSource* addSource(const SourceLocation& location, LogKind kind, bool loose, const QString& stream)
    {
        auto source = std::make_unique<ParsedSource>();
        source->info.location = location;
        source->info.path = location.displayPath();
        source->info.kind = kind;
        source->info.looseText = loose;
        source->info.stream = stream;
        ParsedSource* made = source.get();
        std::lock_guard lock(mutex_);
        sources_.push_back(std::move(source));
        return made;
    }

    ParserOptions withFormats(const LearnedLogFormats::Formats& formats) const
    {
        ParserOptions options = parserOptions_;
        options.accessLogFormats = formats;
        return options;
    }

    void startParser(ParsedSource* target, std::shared_ptr<ChunkQueue> queue, LaneSourceFactory lanes,
                     std::shared_ptr<const LearnedLogFormats::Formats> formats)
    {
        std::lock_guard lock(mutex_);
        parsers_.emplace_back([this, target, queue, lanes = std::move(lanes), formats = std::move(formats)] {
            SourceParser parser(*target, withFormats(*formats), owner_.options_.limits.maxLineBytes,
                                &owner_.liveCounts_, lanes);
            parser.shareStringsWith(pools_.get());
            std::uint64_t counted = 0;
            bool cutShort = false;
            while (std::optional<std::string> chunk = queue->pop()) {
                if (isCancelled()) {
                    cutShort = true;
                    continue;
                }
                parser.feed(*chunk);
                countEvents(parser.eventsStored() - counted, *target, parser.linesRead());
                counted = parser.eventsStored();
            }
            parser.finish();
            // The file where the budget ran out has its message already (countEvents).
            if (cutShort && overBudget_ && !owner_.isCancelled() && stoppedIn_ != target) {
                diagnostic({Diagnostic::Severity::Warning, target->info.path, target->info.lines,
                            QStringLiteral("read up to line %1 only: the memory budget stopped the import")
                                .arg(target->info.lines)});
            }
            owner_.linesParsed_ += target->info.lines;
            slots_.release();
        });
    }

    /// Adds `events` just read from `source` to the import's count; past the memory budget, stops the import
    /// with a message naming the file and line where it stopped.
    void countEvents(std::uint64_t events, const ParsedSource& source, std::uint64_t line)
    {
        const std::uint64_t budget = owner_.options_.limits.memoryBudgetBytes;
        const std::uint64_t total = eventsRead_ += events;
        if (budget == 0 || total * ImportLimits::kPeakBytesPerEvent < budget || overBudget_.exchange(true))
            return;
        stoppedIn_ = &source;
        diagnostic({Diagnostic::Severity::Error, source.info.path, line,
                    QStringLiteral("memory budget of %1 MiB reached after %2 events: the import stopped here "
                                   "and analyses what it read (raise it with --max-memory MIB)")
                        .arg(budget >> 20)
                        .arg(total)});
    }

    void joinParsers()
    {
        std::vector<std::thread> running;
        {
            std::lock_guard lock(mutex_);
            running.swap(parsers_);
        }
        for (std::thread& thread : running)
            thread.join();
    }

    std::uint64_t walkerBytes()
    {
        std::lock_guard lock(walkerMutex_);
        std::uint64_t bytes = finishedBytes_.load();
        for (const BundleWalker* walker : activeWalkers_)
            bytes += walker->inputBytesRead();
        return bytes;
    }

    void setCurrentFile(const QString& path)
    {
        std::lock_guard lock(owner_.progressMutex_);
        owner_.progress_.currentFile = path;
    }

    Importer& owner_;
    ParserOptions parserOptions_;
    LearnedLogFormats learned_;
    Slots slots_;
    std::mutex mutex_;
    std::vector<std::thread> parsers_;
    std::vector<std::unique_ptr<ParsedSource>> sources_;
    std::unique_ptr<SharedPools> pools_ = std::make_unique<SharedPools>();
    std::vector<ConfigFile> configs_;
    std::vector<SkippedFile> skipped_;
    std::vector<Diagnostic> diagnostics_;
    std::mutex walkerMutex_;
    std::vector<const BundleWalker*> activeWalkers_;
    std::atomic<std::uint64_t> finishedBytes_{0};
    std::atomic<std::uint64_t> eventsRead_{0};
    std::atomic<bool> overBudget_{false};
    std::atomic<const ParsedSource*> stoppedIn_{nullptr};
};

Importer::Importer(ImportOptions options)
    : options_(std::move(options))
{
}

Importer::~Importer() = default;

ImportProgress Importer::progress() const
{
    std::lock_guard lock(progressMutex_);
    ImportProgress snapshot = progress_;
    snapshot.linesParsed = linesParsed_.load();
    snapshot.inputBytesDone = std::min(bytesDone_.load(), snapshot.inputBytesTotal);
    return snapshot;
}

ImportResult Importer::run(const QStringList& inputs)
{
    const LargeBlocksToSystem largeBlocks;
    ImportResult result;
    const std::vector<InputFile> files = collectInputFiles(inputs, result.diagnostics, result.skipped);
    {
        std::lock_guard lock(progressMutex_);
        progress_ = {};
        liveCounts_.clear();
        progress_.filesTotal = static_cast<int>(files.size());
        for (const InputFile& file : files)
            progress_.inputBytesTotal += static_cast<std::uint64_t>(QFileInfo(file.path).size());
    }
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    const int parseThreads = options_.threads > 0 ? options_.threads : cores;
    const int readerThreads = std::clamp(static_cast<int>(files.size()), 1, std::max(1, parseThreads));

    Session session(*this, parseThreads);
    session.walk(files, readerThreads);
    result.cancelled = isCancelled();
    result.memoryBudgetReached = session.overBudget();

    auto diagnostics = session.takeDiagnostics();
    result.diagnostics.insert(result.diagnostics.end(), diagnostics.begin(), diagnostics.end());
    auto skipped = session.takeSkipped();
    result.skipped.insert(result.skipped.end(), skipped.begin(), skipped.end());
    result.configs = session.takeConfigs();
    std::sort(result.configs.begin(), result.configs.end(),
              [](const ConfigFile& a, const ConfigFile& b) { return a.path < b.path; });
    std::sort(result.skipped.begin(), result.skipped.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });

    TimelineBuilder builder(options_);
    builder.build(session.takeSources(), result, session.takePools());
    {
        std::lock_guard lock(progressMutex_);
        progress_.inputBytesDone = progress_.inputBytesTotal;
        progress_.currentFile.clear();
    }
    return result;
}

} // namespace gd
