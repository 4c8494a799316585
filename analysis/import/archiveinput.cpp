#include "import/archiveinput.h"

#include <archive.h>
#include <archive_entry.h>

#include <QStringList>

namespace gd {

namespace {
constexpr std::size_t kReadBlock = 256 * 1024;

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}
} // namespace

ContainerType sniffContainer(std::string_view head)
{
    if (startsWith(head, "\x1f\x8b"))
        return ContainerType::Gzip;
    if (startsWith(head, "BZh") && head.size() > 3 && head[3] >= '1' && head[3] <= '9')
        return ContainerType::Bzip2;
    if (startsWith(head, std::string_view("\xFD"
                                          "7zXZ\x00",
                                          6)))
        return ContainerType::Xz;
    if (startsWith(head, "\x28\xB5\x2F\xFD"))
        return ContainerType::Zstd;
    if (startsWith(head, "PK\x03\x04") || startsWith(head, "PK\x05\x06"))
        return ContainerType::Zip;
    if (startsWith(head, "7z\xBC\xAF\x27\x1C"))
        return ContainerType::SevenZip;
    if (head.size() >= 262 && head.substr(257, 5) == "ustar")
        return ContainerType::Tar;
    return ContainerType::None;
}

QString containerName(ContainerType type)
{
    switch (type) {
    case ContainerType::None:
        return QStringLiteral("plain");
    case ContainerType::Gzip:
        return QStringLiteral("gzip");
    case ContainerType::Bzip2:
        return QStringLiteral("bzip2");
    case ContainerType::Xz:
        return QStringLiteral("xz");
    case ContainerType::Zstd:
        return QStringLiteral("zstd");
    case ContainerType::Zip:
        return QStringLiteral("zip");
    case ContainerType::Tar:
        return QStringLiteral("tar");
    case ContainerType::SevenZip:
        return QStringLiteral("7z");
    }
    return {};
}

ArchiveInput::ArchiveInput(ByteReader& parent, std::string prefetched)
    : parent_(parent)
    , prefetched_(std::move(prefetched))
    , buffer_(kReadBlock)
    , dataReader_(*this)
{
    archive_ = archive_read_new();
    archive_read_support_filter_all(archive_);
    // Only real containers: "all formats" would let mtree or similar text formats claim plain logs.
    archive_read_support_format_tar(archive_);
    archive_read_support_format_gnutar(archive_);
    archive_read_support_format_zip(archive_);
    archive_read_support_format_7zip(archive_);
    archive_read_support_format_cpio(archive_);
    archive_read_support_format_raw(archive_);
    archive_read_support_format_empty(archive_); // a compressed empty file is empty, not damaged
}

ArchiveInput::~ArchiveInput()
{
    archive_read_free(archive_);
}

std::ptrdiff_t ArchiveInput::readCallback(struct archive*, void* self, const void** buffer)
{
    auto* input = static_cast<ArchiveInput*>(self);
    if (!input->prefetchedServed_) {
        input->prefetchedServed_ = true;
        if (!input->prefetched_.empty()) {
            *buffer = input->prefetched_.data();
            return static_cast<std::ptrdiff_t>(input->prefetched_.size());
        }
    }
    const std::ptrdiff_t n = input->parent_.read(input->buffer_.data(), input->buffer_.size());
    if (n < 0) {
        input->parentError_ = input->parent_.errorString();
        archive_set_error(input->archive_, EIO, "read error");
        return -1;
    }
    *buffer = input->buffer_.data();
    return n;
}

bool ArchiveInput::open()
{
    return archive_read_open(archive_, this, nullptr, &ArchiveInput::readCallback, nullptr) == ARCHIVE_OK;
}

ArchiveInput::Step ArchiveInput::next(ArchiveEntry& entry)
{
    struct archive_entry* header = nullptr;
    int status = archive_read_next_header(archive_, &header);
    if (status == ARCHIVE_EOF)
        return Step::End;
    if (status == ARCHIVE_RETRY)
        return Step::Damaged; // no entry to read, but the archive may go on after the damage
    if (status < ARCHIVE_WARN)
        return Step::Error;
    const char* utf8 = archive_entry_pathname_utf8(header);
    const char* raw = archive_entry_pathname(header);
    entry.name =
        utf8 != nullptr ? QString::fromUtf8(utf8) : QString::fromLocal8Bit(raw != nullptr ? raw : "");
    const auto type = archive_entry_filetype(header);
    entry.isRegular = type == AE_IFREG;
    entry.isLink = type == AE_IFLNK || archive_entry_hardlink(header) != nullptr;
    const char* link = archive_entry_symlink(header);
    if (link == nullptr)
        link = archive_entry_hardlink(header);
    entry.linkTarget = link != nullptr ? QString::fromUtf8(link) : QString();
    if (entry.isLink)
        entry.isRegular = false;
    const auto device = [header](const char* what) {
        return QStringLiteral("%1 %2,%3")
            .arg(QLatin1String(what))
            .arg(archive_entry_rdevmajor(header))
            .arg(archive_entry_rdevminor(header));
    };
    switch (entry.isLink ? AE_IFLNK : type) {
    case AE_IFCHR:
        entry.specialType = device("character device");
        break;
    case AE_IFBLK:
        entry.specialType = device("block device");
        break;
    case AE_IFIFO:
        entry.specialType = QStringLiteral("FIFO (named pipe)");
        break;
    case AE_IFSOCK:
        entry.specialType = QStringLiteral("socket");
        break;
    default:
        entry.specialType.clear();
        break;
    }
    entry.isRawStream = archive_format(archive_) == ARCHIVE_FORMAT_RAW;
    return Step::Entry;
}

int ArchiveInput::compressionLayers() const
{
    int layers = 0;
    for (int i = 0; i < archive_filter_count(archive_); ++i)
        layers += archive_filter_code(archive_, i) != ARCHIVE_FILTER_NONE ? 1 : 0;
    return layers;
}

QString ArchiveInput::errorString() const
{
    if (!parentError_.isEmpty())
        return parentError_;
    const char* text = archive_error_string(archive_);
    return text != nullptr ? QString::fromUtf8(text) : QStringLiteral("unknown archive error");
}

std::ptrdiff_t ArchiveInput::EntryReader::read(char* data, std::size_t size)
{
    const la_ssize_t n = archive_read_data(owner_.archive_, data, size);
    return n < 0 ? -1 : static_cast<std::ptrdiff_t>(n);
}

QString safeMemberName(const QString& stored, bool* changed)
{
    QStringList kept;
    bool unsafe = stored.startsWith(u'/') || stored.contains(u'\\');
    for (const QString& part : QString(stored).replace(u'\\', u'/').split(u'/', Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            unsafe = true;
            continue;
        }
        kept << part;
    }
    if (changed != nullptr)
        *changed = unsafe;
    return kept.join(u'/');
}

} // namespace gd
