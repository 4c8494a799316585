// log_format definitions read out of nginx configuration text (parse/nginxconf.h), and the access parser
// reading lines with the formats it is handed (ParserOptions::accessLogFormats) besides its built-in ones.

#include "eventdump.h"
#include "parse/nginxconf.h"
#include "parse/parsers.h"

#include <QTest>

// moc 6.4 mis-tokenises raw strings that hold \" or an odd number of quotes: plain literals here.

using namespace gd;
using namespace Qt::StringLiterals;

namespace {

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

// An nginx.conf as distributions and panels write them: comments everywhere, formats over several lines and
// quoted pieces, one with escape=json, one in a stream block, one that cannot be used.
const QByteArray kConfig =
    "user www-data;\n"
    "events { worker_connections 768; }  # log_format in a comment 'x';\n"
    "http {\n"
    "    # log_format commented '$remote_addr [$time_local]';\n"
    "    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '   # the "
    "request\n"
    "                      '$status $body_bytes_sent \"$http_referer\" '\n"
    "                      '\"$http_user_agent\" \"$http_x_forwarded_for\" $request_time';\n"
    "    log_format timed \"$time_iso8601 #$connection $host \\\"$request\\\" $status\";\n"
    "    log_format json_combined escape=json\n"
    "      '{'\n"
    "        '\"time_local\":\"$time_local\",'\n"
    "        '\"request\":\"$request\",'\n"
    "        '\"status\": \"$status\"'\n"
    "      '}';\n"
    "    log_format notime '$remote_addr $status';\n"
    "    server {\n"
    "        listen 80;\n"
    "        access_log /var/log/nginx/access.log main;\n"
    "    }\n"
    "}\n"
    "stream {\n"
    "    log_format basic '$remote_addr [$time_local] $protocol $status $session_time';\n"
    "}\n"_ba;

} // namespace

class TestNginxConf : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void definitionsFound()
    {
        std::vector<std::string> problems;
        const std::vector<NginxLogFormat> formats = logFormatsIn(view(kConfig), &problems);
        QCOMPARE(formats.size(), std::size_t(3));
        QCOMPARE(testdump::bytes(formats[0].name()), "main"_ba);
        QCOMPARE(testdump::bytes(formats[0].text()),
                 "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent "
                 "\"$http_referer\" "
                 "\"$http_user_agent\" \"$http_x_forwarded_for\" $request_time"_ba);
        QCOMPARE(testdump::bytes(formats[1].name()), "timed"_ba);
        QCOMPARE(testdump::bytes(formats[1].text()),
                 "$time_iso8601 #$connection $host \"$request\" $status"_ba);
        QCOMPARE(testdump::bytes(formats[2].name()), "json_combined"_ba);
        QCOMPARE(testdump::bytes(formats[2].escape()), "json"_ba);
        QCOMPARE(testdump::bytes(formats[2].text()),
                 "{\"time_local\":\"$time_local\",\"request\":\"$request\",\"status\": \"$status\"}"_ba);
        QCOMPARE(problems.size(), std::size_t(1));
        QVERIFY2(QByteArray::fromStdString(problems[0]).startsWith("log_format notime: "),
                 problems[0].c_str());
    }

    void nothingToFind()
    {
        QVERIFY(logFormatsIn("").empty());
        QVERIFY(logFormatsIn("# only a comment\n").empty());
        QVERIFY(logFormatsIn("access_log /var/log/nginx/access.log combined;").empty());
        // Cut off before the ';' (the unterminated quote runs to the end): not used, but reported.
        for (const char* text : {"log_format", "log_format broken '$remote_addr [$time_local]",
                                 "log_format x '$remote_addr [$time_local];\n}}}"}) {
            std::vector<std::string> problems;
            QVERIFY(logFormatsIn(text, &problems).empty());
            QCOMPARE(problems.size(), std::size_t(1));
        }
    }

    void parserTriesTheGivenFormats()
    {
        const std::vector<NginxLogFormat> formats = logFormatsIn(view(kConfig));
        ParserOptions options;
        options.accessLogFormats = formats;
        auto parser = makeAccessLogParser(options);
        // `timed` is no built-in format: only the configuration makes this line readable.
        const QByteArray timed =
            "2026-11-24T10:51:32+01:00 #1234 www.example.com \"GET /node/1 HTTP/1.1\" 502"_ba;
        QCOMPARE(testdump::dumpLine(*parser, timed), "event code=request time=2026-11-24 10:51:32.000+0100 "
                                                     "method=GET value=502 host=[www.example.com] "
                                                     "target=[/node/1]"_ba);
        QCOMPARE(testdump::dumpLine(*makeAccessLogParser({}), timed),
                 "rejected reason=[does not match the log format]"_ba);
        // A built-in format still reads what the configuration does not describe.
        QCOMPARE(testdump::dumpLine(
                     *parser, "203.0.113.7 - - [24/Nov/2026:10:51:33 +0100] \"GET / HTTP/1.0\" 200 612"_ba),
                 "event code=request time=2026-11-24 10:51:33.000+0100 method=GET value=200 target=[/] "
                 "client=[203.0.113.7]"_ba);
        // The escape=json definition reads its lines; another JSON shape falls back to reading by key.
        QCOMPARE(testdump::dumpLine(*parser,
                                    "{\"time_local\":\"24/Nov/2026:10:51:34 +0100\",\"request\":\"GET /a "
                                    "HTTP/1.1\",\"status\": \"504\"}"_ba),
                 "event code=request time=2026-11-24 10:51:34.000+0100 method=GET value=504 target=[/a]"_ba);
        QCOMPARE(
            testdump::dumpLine(*parser, "{\"status\":502,\"time_iso8601\":\"2026-11-24T10:51:35+01:00\"}"_ba),
            "event code=request time=2026-11-24 10:51:35.000+0100 value=502"_ba);
    }

    void givenFormatWinsOverTheList()
    {
        const std::vector<NginxLogFormat> formats = logFormatsIn(view(kConfig));
        ParserOptions options;
        options.accessLogFormat = "[$time_local] $status";
        options.accessLogFormats = formats;
        auto parser = makeAccessLogParser(options);
        QCOMPARE(testdump::dumpLine(*parser, "[24/Nov/2026:10:51:32 +0100] 502"_ba),
                 "event code=request time=2026-11-24 10:51:32.000+0100 value=502"_ba);
        QCOMPARE(testdump::dumpLine(*parser, "2026-11-24T10:51:32+01:00 #1 h \"GET / HTTP/1.1\" 502"_ba),
                 "rejected reason=[does not match the log format]"_ba);
    }
};

QTEST_GUILESS_MAIN(TestNginxConf)
#include "tst_nginxconf.moc"
