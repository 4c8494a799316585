#include "diagnose/slowframes.h"

#include <algorithm>
#include <array>

namespace gd {

namespace {

bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

} // namespace

bool isUpdateManagerFrame(std::string_view function, std::string_view file)
{
    return contains(file, "modules/update/") || contains(file, "UpdateFetcher") ||
           contains(function, "update_get_available") || contains(function, "_update_process_fetch_task") ||
           contains(function, "update_fetch_data") || contains(function, "fetchProjectData") ||
           contains(function, "_update_refresh");
}

bool isRemoteCallFrame(std::string_view function)
{
    static constexpr std::array<std::string_view, 14> remote = {"curl_exec",
                                                                "curl_multi_exec",
                                                                "curl_multi_select",
                                                                "stream_socket_client",
                                                                "fsockopen",
                                                                "fread",
                                                                "fgets",
                                                                "stream_get_contents",
                                                                "file_get_contents",
                                                                "stream_select",
                                                                "__doRequest",
                                                                "socket_read",
                                                                "drupal_http_request",
                                                                "SoapClient"};
    return std::any_of(remote.begin(), remote.end(),
                       [function](std::string_view name) { return function == name; });
}

QString distributionInPath(std::string_view path)
{
    static constexpr std::array<std::string_view, 10> forcing = {
        "apps",       "agov",       "erpal",      "guardr",   "openacademy",
        "openatrium", "openchurch", "openpublic", "panopoly", "restaurant"};
    // Match whole path segments, or segments that start with the name and a version ("openatrium-2.x").
    std::size_t pos = 0;
    while (pos < path.size()) {
        std::size_t end = path.find('/', pos);
        if (end == std::string_view::npos)
            end = path.size();
        const std::string_view segment = path.substr(pos, end - pos);
        for (const std::string_view name : forcing) {
            if (segment == name ||
                (segment.size() > name.size() && segment.substr(0, name.size()) == name &&
                 (segment[name.size()] == '-' || segment[name.size()] == '_' || segment[name.size()] == '.')))
                return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
        }
        pos = end + 1;
    }
    return {};
}

} // namespace gd
