// The nginx log_format compiler: user formats matched against lines, invalid formats reported, and the
// access-log parser's use of a given format and of auto-detection.

#include "parse/logparser.h"
#include "parse/nginxlogformat.h"
#include "parse/parsers.h"
#include "time/civiltime.h"

#include <QTest>

// moc 6.4 mis-tokenises raw strings that hold \" or an odd number of quotes: those are plain literals here.

using namespace gd;
using namespace Qt::StringLiterals;

namespace {

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

void addField(QByteArray& out, const char* key, std::string_view value)
{
    if (!value.empty())
        out += ' ' + QByteArray(key) + "=[" + bytes(value) + ']';
}

/// The fields an access line can set, in a fixed order; empty and zero fields are left out.
QByteArray dump(const ParsedEvent& e, const AccessLineExtras& extras)
{
    QByteArray out;
    if (e.time != 0) {
        const CivilFields f = civilFields(e.time);
        out += QString::asprintf("time=%04d-%02d-%02d %02d:%02d:%02d.%03d", f.year, f.month, f.day, f.hour,
                                 f.minute, f.second, f.millisecond)
                   .toLatin1();
        if (e.hasOffset)
            out += QString::asprintf("%+05d", (e.utcOffsetSec / 3600) * 100 + (e.utcOffsetSec / 60) % 60)
                       .toLatin1();
        if (e.offsetIsUtcByDefinition) // $msec: UTC on every server, says nothing of its zone
            out += " (utc)";
    }
    if (e.method != HttpMethod::None)
        out += " method=" + bytes(httpMethodText(e.method));
    if (e.value != 0)
        out += " value=" + QByteArray::number(e.value);
    if (e.durationMs != 0)
        out += " durationMs=" + QByteArray::number(e.durationMs);
    addField(out, "host", e.host);
    addField(out, "target", e.target);
    addField(out, "client", e.client);
    if (extras.upstreamResponseMs != AccessLineExtras::kAbsent)
        out += " upstreamMs=" + QByteArray::number(extras.upstreamResponseMs);
    return out;
}

const QByteArray kCombinedTimed =
    R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent )"
    R"("$http_referer" "$http_user_agent" $request_time $upstream_response_time)";
const QByteArray kBoaMain =
    R"("$proxy_add_x_forwarded_for" $host [$time_local] "$request" $status $body_bytes_sent )"
    R"($request_length $bytes_sent "$http_referer" "$http_user_agent" $request_time "$gzip_ratio")";

} // namespace

class TestLogFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void match_data()
    {
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("expected"); ///< dump() of the event, or "rejected: <reason>"

        QTest::newRow("combined+timings 502")
            << kCombinedTimed
            << R"(203.0.113.7 - - [24/Nov/2026:10:51:32 +0100] "GET /node/12 HTTP/1.1" 502 150 "-" "Mozilla/5.0" 0.003 0.002)"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=GET value=502 durationMs=3 target=[/node/12] "
               "client=[203.0.113.7] upstreamMs=2"_ba;
        QTest::newRow("combined+timings 504, upstream list")
            << kCombinedTimed
            << R"(198.51.100.20 - bob [24/Nov/2026:11:02:55 -0330] "POST /user/login HTTP/2.0" 504 160 "https://example.com/" "Mozilla/5.0" 180.004 0.004, 0.002 : 180.001)"_ba
            << "time=2026-11-24 11:02:55.000-0330 method=POST value=504 durationMs=180004 "
               "target=[/user/login] "
               "client=[198.51.100.20] upstreamMs=180001"_ba;
        QTest::newRow("combined+timings, no upstream")
            << kCombinedTimed
            << R"(203.0.113.7 - - [24/Nov/2026:10:51:32 +0100] "GET /robots.txt HTTP/1.1" 200 1504 "-" "-" 0.000 -)"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=GET value=200 target=[/robots.txt] client=[203.0.113.7]"_ba;
        QTest::newRow("upstream list in the middle")
            << R"($remote_addr [$time_local] "$request" $status $upstream_response_time $request_time "$http_user_agent")"_ba
            << R"(203.0.113.7 [24/Nov/2026:10:51:32 +0100] "GET /x HTTP/1.1" 502 0.004, 0.002 : 1.001 1.007 "curl/8.5.0")"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=GET value=502 durationMs=1007 target=[/x] "
               "client=[203.0.113.7] upstreamMs=1001"_ba;
        QTest::newRow("BOA main, X-Forwarded-For list")
            << kBoaMain
            << R"("192.0.2.44, 172.70.10.5" o1.srv.example.net [24/Nov/2026:11:03:01 +0100] "GET /hosting/tasks/123/list HTTP/1.1" 200 1880 702 2431 "https://o1.srv.example.net/hosting/sites" "Mozilla/5.0" 0.412 "4.10")"_ba
            << "time=2026-11-24 11:03:01.000+0100 method=GET value=200 durationMs=412 "
               "host=[o1.srv.example.net] "
               "target=[/hosting/tasks/123/list] client=[192.0.2.44]"_ba;
        QTest::newRow("time_iso8601")
            << R"($time_iso8601 $remote_addr "$request" $status $request_time)"_ba
            << R"(2026-11-24T10:51:32+01:00 2001:db8::7 "HEAD / HTTP/1.1" 200 0.010)"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=HEAD value=200 durationMs=10 target=[/] "
               "client=[2001:db8::7]"_ba;
        QTest::newRow("time_iso8601 Z") << R"($time_iso8601 $status)"_ba
                                        << "2026-11-24T09:51:32Z 504"_ba
                                        << "time=2026-11-24 09:51:32.000+0000 value=504"_ba;
        QTest::newRow("msec, request_method and request_uri")
            << R"($msec $remote_addr $request_method $request_uri $status)"_ba
            << "1795513892.123 203.0.113.7 DELETE /jsonapi/node/article/1?x=1 403"_ba
            << "time=2026-11-24 09:51:32.123+0000 (utc) method=DELETE value=403 "
               "target=[/jsonapi/node/article/1?x=1] "
               "client=[203.0.113.7]"_ba;
        QTest::newRow("escape=json directive")
            << R"(log_format json escape=json '{"time":"$time_iso8601","remote_addr":"$remote_addr",' '"request":"$request","status":$status,"request_time":$request_time,"host":"$host"}';)"_ba
            << "{\"time\":\"2026-11-24T10:51:32+01:00\",\"remote_addr\":\"203.0.113.7\",\"request\":\"GET /a\\\"b HTTP/1.1\",\"status\":502,\"request_time\":0.003,\"host\":\"www.example.com\"}"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=GET value=502 durationMs=3 host=[www.example.com] "
               "target=[/a\\\"b] client=[203.0.113.7]"_ba;
        QTest::newRow("nginx.conf main with X-Forwarded-For")
            << R"(log_format  main  '$remote_addr - $remote_user [$time_local] "$request" ' '$status $body_bytes_sent "$http_referer" ' '"$http_user_agent" "$http_x_forwarded_for"';)"_ba
            << R"(172.70.10.5 - - [24/Nov/2026:10:51:32 +0100] "GET /node/7 HTTP/1.1" 200 9120 "-" "Mozilla/5.0" "192.0.2.44, 172.70.10.5")"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=GET value=200 target=[/node/7] client=[192.0.2.44]"_ba;
        QTest::newRow("X-Forwarded-For \"-\" keeps remote_addr")
            << R"('$remote_addr [$time_local] "$request" $status "$http_x_forwarded_for"')"_ba
            << R"(172.70.10.5 [24/Nov/2026:10:51:32 +0100] "GET / HTTP/1.1" 200 "-")"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=GET value=200 target=[/] client=[172.70.10.5]"_ba;
        QTest::newRow("X-Forwarded-For first, unquoted list")
            << R"($http_x_forwarded_for $remote_addr [$time_local] $status)"_ba
            << "198.51.100.9, 10.0.0.1 172.70.10.5 [24/Nov/2026:10:51:32 +0100] 200"_ba
            << "time=2026-11-24 10:51:32.000+0100 value=200 client=[198.51.100.9]"_ba;
        QTest::newRow("http_host with port")
            << R"($http_host $remote_addr [$time_local] "$request" $status)"_ba
            << R"(www.example.com:8443 203.0.113.7 [24/Nov/2026:10:51:32 +0100] "GET / HTTP/1.1" 200)"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=GET value=200 host=[www.example.com] target=[/] "
               "client=[203.0.113.7]"_ba;
        QTest::newRow("server_name dash") << R"($server_name [$time_local] $status)"_ba
                                          << "- [24/Nov/2026:10:51:32 +0100] 444"_ba
                                          << "time=2026-11-24 10:51:32.000+0100 value=444"_ba;
        QTest::newRow("braces and other separators")
            << R"([$time_local] ${request_method}:${uri}->${status}ms)"_ba
            << "[24/Nov/2026:10:51:32 +0100] GET:/index.php->502ms"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=GET value=502 target=[/index.php]"_ba;
        QTest::newRow("request_uri beats rewritten uri")
            << R"($uri $request_uri [$time_local] $status)"_ba
            << "/index.php /node/12?page=2 [24/Nov/2026:10:51:32 +0100] 200"_ba
            << "time=2026-11-24 10:51:32.000+0100 value=200 target=[/node/12?page=2]"_ba;
        QTest::newRow("upper-case variable names")
            << R"($REMOTE_ADDR [$Time_Local] $STATUS)"_ba
            << "203.0.113.7 [24/Nov/2026:10:51:32 +0100] 502"_ba
            << "time=2026-11-24 10:51:32.000+0100 value=502 client=[203.0.113.7]"_ba;
        QTest::newRow("nginx.conf escapes: \\t and \\\"")
            << R"('$remote_addr\t[$time_local]\t\"$request\" $status')"_ba
            << "203.0.113.7\t[24/Nov/2026:10:51:32 +0100]\t\"GET /a b HTTP/1.1\" 400"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=GET value=400 target=[/a b] client=[203.0.113.7]"_ba;
        QTest::newRow("unknown variables skipped")
            << R"($remote_addr $request_id "$ssl_protocol/$ssl_cipher" [$time_local] $status $upstream_addr $pipe)"_ba
            << R"(203.0.113.7 3f1c9a "TLSv1.3/TLS_AES_256_GCM_SHA384" [24/Nov/2026:10:51:32 +0100] 502 unix:/var/run/php83-fpm.sock, 10.0.0.2:9000 : 10.0.0.3:9000 .)"_ba
            << "time=2026-11-24 10:51:32.000+0100 value=502 client=[203.0.113.7]"_ba;
        QTest::newRow("garbage request")
            << kCombinedTimed
            << R"(203.0.113.7 - - [24/Nov/2026:10:51:32 +0100] "\x16\x03\x01\x02\x00\x01" 400 150 "-" "-" 0.001 -)"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=OTHER value=400 durationMs=1 client=[203.0.113.7]"_ba;

        QTest::newRow("unquoted request, protocol ends it")
            << R"([$time_local] $remote_addr to: $upstream_addr: $request $status rt $request_time)"_ba
            << "[24/Nov/2026:10:51:32 +0100] 203.0.113.7 to: 127.0.0.1:9000: GET /a b?c HTTP/1.1 502 rt 0.002"_ba
            << "time=2026-11-24 10:51:32.000+0100 method=GET value=502 durationMs=2 target=[/a b?c] "
               "client=[203.0.113.7]"_ba;
        // Without " HTTP/x.y" nothing tells where an unquoted request ends: the first space is taken.
        QTest::newRow("rejected: unquoted request without protocol")
            << R"([$time_local] $request $status)"_ba
            << "[24/Nov/2026:10:51:32 +0100] GET / 400"_ba
            << "rejected: bad status"_ba;
        QTest::newRow("time_local wins over msec, whatever the order")
            << R"($msec [$time_local] $status)"_ba
            << "1795513892.123 [24/Nov/2026:10:51:32 +0100] 200"_ba
            << "time=2026-11-24 10:51:32.000+0100 value=200"_ba;
        QTest::newRow("msec after time_local") << R"([$time_local] $msec $status)"_ba
                                               << "[24/Nov/2026:10:51:32 +0100] garbage 200"_ba
                                               << "time=2026-11-24 10:51:32.000+0100 value=200"_ba;
        QTest::newRow("rejected: bad status")
            << kCombinedTimed
            << R"(203.0.113.7 - - [24/Nov/2026:10:51:32 +0100] "GET / HTTP/1.1" 5xx 150 "-" "-" 0.001 -)"_ba
            << "rejected: bad status"_ba;
        QTest::newRow("rejected: bad time")
            << kCombinedTimed
            << R"(203.0.113.7 - - [30/Feb/2026:10:51:32 +0100] "GET / HTTP/1.1" 502 150 "-" "-" 0.001 -)"_ba
            << "rejected: bad time"_ba;
        QTest::newRow("rejected: bad request_time")
            << kCombinedTimed
            << R"(203.0.113.7 - - [24/Nov/2026:10:51:32 +0100] "GET / HTTP/1.1" 502 150 "-" "-" 1e3 -)"_ba
            << "rejected: bad request_time"_ba;
        QTest::newRow("rejected: request_time overflow") << R"([$time_local] $request_time)"_ba
                                                         << "[24/Nov/2026:10:51:32 +0100] 4294968.000"_ba
                                                         << "rejected: bad request_time"_ba;
        QTest::newRow("rejected: truncated")
            << kCombinedTimed << "203.0.113.7 - - [24/Nov/2026:10:51:32 +0100] \"GET /node/12 HT"_ba
            << "rejected: truncated line"_ba;
        QTest::newRow("rejected: trailing data") << R"($remote_addr [$time_local] $status)"_ba
                                                 << "203.0.113.7 [24/Nov/2026:10:51:32 +0100] 200 0.003"_ba
                                                 << "rejected: unexpected trailing data"_ba;
        QTest::newRow("rejected: other format")
            << kBoaMain
            << R"(203.0.113.7 - - [24/Nov/2026:10:51:32 +0100] "GET / HTTP/1.1" 502 150 "-" "-")"_ba
            << "rejected: does not match the log format"_ba;
        QTest::newRow("rejected: bad msec") << R"($msec $status)"_ba
                                            << "1795513892 200"_ba
                                            << "rejected: bad time"_ba;
    }

    void match()
    {
        QFETCH(QByteArray, format);
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, expected);
        std::string error;
        const auto compiled = NginxLogFormat::compile(view(format), &error);
        QVERIFY2(compiled.has_value(), error.c_str());
        ParsedEvent event;
        AccessLineExtras extras;
        const FormatMatch result = compiled->matchLine(view(line), event, &extras);
        const QByteArray actual = result.ok() ? dump(event, extras) : "rejected: " + bytes(result.failure);
        QCOMPARE(actual, expected);
    }

    void invalidFormat_data()
    {
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<QByteArray>("error"); ///< a part of the message

        QTest::newRow("unterminated single quote") << "'$remote_addr [$time_local]"_ba
                                                   << "unterminated ' quote"_ba;
        QTest::newRow("unterminated double quote in directive")
            << "log_format main \"$remote_addr [$time_local];"_ba
            << "unterminated \" quote"_ba;
        QTest::newRow("unbalanced quote in the format") << "$remote_addr \"$request [$time_local]"_ba
                                                        << "unbalanced '\"'"_ba;
        QTest::newRow("unknown escape") << R"($remote_addr \q [$time_local])"_ba
                                        << R"(unknown escape \q)"_ba;
        QTest::newRow("unknown escape in directive")
            << R"(log_format main '$remote_addr \x [$time_local]';)"_ba
            << R"(unknown escape \x)"_ba;
        QTest::newRow("lone backslash") << R"([$time_local] \)"_ba
                                        << "lone backslash"_ba;
        QTest::newRow("adjacent variables") << "$remote_addr$remote_user [$time_local]"_ba
                                            << "$remote_addr and $remote_user are not separated"_ba;
        QTest::newRow("unterminated braces") << "[$time_local] ${status"_ba
                                             << "unterminated ${"_ba;
        QTest::newRow("dollar without name") << "[$time_local] $ $status"_ba
                                             << "without a variable name"_ba;
        QTest::newRow("bad name in braces") << "${bad-name} [$time_local]"_ba
                                            << "without a variable name"_ba;
        QTest::newRow("no time variable") << "$remote_addr $status"_ba
                                          << "no time variable"_ba;
        QTest::newRow("empty") << ""_ba
                               << "empty"_ba;
        QTest::newRow("blank") << " \t\n"_ba
                               << "empty"_ba;
        QTest::newRow("directive without format") << "log_format main;"_ba
                                                  << "empty"_ba;
        QTest::newRow("no variables") << "plain text"_ba
                                      << "no variables"_ba;
        QTest::newRow("text after semicolon") << "'$status [$time_local]'; extra"_ba
                                              << "text after ';'"_ba;
        QTest::newRow("too long") << QByteArray("[$time_local] ") + QByteArray(9000, 'x') << "longer than"_ba;
    }

    void invalidFormat()
    {
        QFETCH(QByteArray, format);
        QFETCH(QByteArray, error);
        std::string message;
        QVERIFY(!validateAccessLogFormat(view(format), &message));
        QVERIFY2(bytes(message).contains(error), message.c_str());
        QVERIFY(!validateAccessLogFormat(view(format), nullptr)); // the message is optional
    }

    void validFormats()
    {
        for (const QByteArray& format : {kCombinedTimed, kBoaMain}) {
            std::string error;
            QVERIFY2(validateAccessLogFormat(view(format), &error), error.c_str());
        }
    }

    /// The home-made tails after `combined`: which number is $request_time and which the upstream's.
    void timingTail_data()
    {
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<QByteArray>("expected"); ///< the timing part of dump()
        QTest::newRow("request and upstream time") << "0.003 0.002"_ba
                                                   << "durationMs=3 upstreamMs=2"_ba;
        QTest::newRow("upstream list") << "1.007 0.004, 0.002 : 1.001 p"_ba
                                       << "durationMs=1007 upstreamMs=1001"_ba;
        QTest::newRow("no upstream") << "0.000 -"_ba
                                     << ""_ba;
        QTest::newRow("address and status between") << "0.002 unix:/run/php/php8.2-fpm.sock 502 0.001"_ba
                                                    << "durationMs=2 upstreamMs=1"_ba;
        QTest::newRow("address list, status list, time list")
            << "60.002 127.0.0.1:9000, 127.0.0.1:9001 504, 504 30.001, 30.000"_ba
            << "durationMs=60002 upstreamMs=30000"_ba;
        QTest::newRow("status right after the request time is no time") << "0.003 502 10.0.0.5:9000"_ba
                                                                        << "durationMs=3"_ba;
        QTest::newRow("Amplify pairs") << "rt=0.250 uct=\"0.001\" uht=\"0.247\" urt=\"0.248\""_ba
                                       << "durationMs=250 upstreamMs=248"_ba;
        QTest::newRow("ingress-nginx upstreaminfo")
            << "412 0.020 [default-web-80] [] 10.0.0.5:9000 0 0.019 502 3f1c9a0b"_ba
            << "durationMs=20 upstreamMs=19"_ba;
        QTest::newRow("labelled, upstream first")
            << "upstream_response_time 0.001, 0.004 msec 1795513900.001 request_time 0.006"_ba
            << "durationMs=6 upstreamMs=4"_ba;
        QTest::newRow("quoted gzip ratio is no request time") << "\"4.10\""_ba
                                                              << ""_ba;
        QTest::newRow("X-Forwarded-For then request time") << "\"198.51.100.9, 10.0.0.1\" 0.120"_ba
                                                           << "durationMs=120 client=[198.51.100.9]"_ba;
    }

    void timingTail()
    {
        QFETCH(QByteArray, tail);
        QFETCH(QByteArray, expected);
        const auto combined = NginxLogFormat::compile(
            R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" )"
            R"("$http_user_agent")",
            nullptr, TrailingData::TimingHeuristic);
        QVERIFY(combined.has_value());
        const QByteArray line =
            R"(203.0.113.7 - - [24/Nov/2026:10:51:32 +0100] "GET / HTTP/1.1" 502 150 "-" "UA" )"_ba + tail;
        ParsedEvent event;
        AccessLineExtras extras;
        QVERIFY(combined->matchLine(view(line), event, &extras).ok());
        QByteArray actual;
        if (event.durationMs != 0)
            actual += "durationMs=" + QByteArray::number(event.durationMs);
        if (extras.upstreamResponseMs != AccessLineExtras::kAbsent)
            actual += " upstreamMs=" + QByteArray::number(extras.upstreamResponseMs);
        if (event.client != "203.0.113.7")
            actual += " client=[" + bytes(event.client) + ']';
        QCOMPARE(actual.trimmed(), expected);
    }

    void directiveNameAndEscape()
    {
        const auto json = NginxLogFormat::compile(
            R"(log_format  json_combined escape=json '{"time_local":"$time_local","status":"$status"}';)",
            nullptr);
        QVERIFY(json.has_value());
        QCOMPARE(bytes(json->name()), "json_combined"_ba);
        QCOMPARE(bytes(json->escape()), "json"_ba);
        const auto bare = NginxLogFormat::compile("[$time_local] $status", nullptr);
        QVERIFY(bare.has_value());
        QVERIFY(bare->name().empty() && bare->escape().empty());
    }

    void parserUsesGivenFormat()
    {
        ParserOptions options;
        options.accessLogFormat = "$remote_addr [$time_local] $status";
        auto parser = makeAccessLogParser(options);
        ParsedEvent event;
        LineResult result = parser->parseLine("203.0.113.7 [24/Nov/2026:10:51:32 +0100] 502", event);
        QCOMPARE(result.status, LineStatus::Event);
        QCOMPARE(event.code, MessageCode::Request);
        QCOMPARE(event.value, std::uint16_t(502));
        // A combined line is not auto-detected once a format is given.
        event = {};
        result = parser->parseLine(
            R"(203.0.113.7 - - [24/Nov/2026:10:51:32 +0100] "GET / HTTP/1.1" 502 150 "-" "-")", event);
        QCOMPARE(result.status, LineStatus::Rejected);
    }

    void parserReportsInvalidFormat()
    {
        ParserOptions options;
        options.accessLogFormat = "$remote_addr$status";
        auto parser = makeAccessLogParser(options);
        ParsedEvent event;
        const LineResult result = parser->parseLine("203.0.113.7502", event);
        QCOMPARE(result.status, LineStatus::Rejected);
        QCOMPARE(bytes(result.reason), "invalid log_format"_ba);
    }

    void autoDetectFollowsFormatChanges()
    {
        // A rotated log may switch format mid-file (BOA upgrade, changed vhost).
        const char* lines[] = {
            R"("203.0.113.7" www.example.com [24/Nov/2026:10:51:32 +0100] "GET /a HTTP/1.1" 502 150 412 313 "-" "-" 0.003 "-")",
            R"(203.0.113.8 - - [24/Nov/2026:10:51:33 +0100] "GET /b HTTP/1.1" 504 160 "-" "-" 180.004)",
            R"(www.example.com:443 203.0.113.9 - - [24/Nov/2026:10:51:34 +0100] "GET /c HTTP/1.1" 499 0 "-" "-")",
            R"(203.0.113.10 - - [24/Nov/2026:10:51:35 +0100] "GET /d HTTP/1.1" 200 612)",
            R"("203.0.113.11" www.example.com [24/Nov/2026:10:51:36 +0100] "GET /e HTTP/1.1" 200 9 412 313 "-" "-" 0.100 "-")",
        };
        const char* targets[] = {"/a", "/b", "/c", "/d", "/e"};
        const std::uint32_t durations[] = {3, 180004, 0, 0, 100};
        auto parser = makeAccessLogParser({});
        for (std::size_t i = 0; i < std::size(lines); ++i) {
            ParsedEvent event;
            QCOMPARE(parser->parseLine(lines[i], event).status, LineStatus::Event);
            QCOMPARE(bytes(event.target), QByteArray(targets[i]));
            QCOMPARE(event.durationMs, durations[i]);
        }
    }
};

QTEST_GUILESS_MAIN(TestLogFormat)
#include "tst_logformat.moc"
