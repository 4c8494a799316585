#include "import/learnedformats.h"

#include "parse/nginxconf.h"

namespace gd {

void LearnedLogFormats::learnFrom(const ConfigFile& config)
{
    if (!config.content.contains("log_format"))
        return;
    std::vector<NginxLogFormat> found = logFormatsIn(
        std::string_view(config.content.constData(), static_cast<std::size_t>(config.content.size())));
    if (found.empty())
        return;
    std::lock_guard lock(mutex_);
    auto merged = std::make_shared<Formats>(*formats_);
    for (NginxLogFormat& format : found) {
        const bool known = std::any_of(merged->begin(), merged->end(), [&format](const NginxLogFormat& k) {
            return k.text() == format.text();
        });
        if (!known)
            merged->push_back(std::move(format));
    }
    formats_ = std::move(merged);
}

std::shared_ptr<const LearnedLogFormats::Formats> LearnedLogFormats::snapshot() const
{
    std::lock_guard lock(mutex_);
    return formats_;
}

} // namespace gd
