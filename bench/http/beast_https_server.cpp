// Minimal HTTPS server on Boost.Beast (asio + OpenSSL, one io_context thread,
// HTTP/1.1 keep-alive) for the HTTP library comparison
// (docs/decisions/0002-http-library.md).
//
//   bench_http_beast --port P --cert C --key K
//
// It does what a production Beast server has to do by hand, so the comparison
// is fair: a handshake and per-request read timeout (slow clients), a body
// limit (413), graceful TLS shutdown. Responses are span bodies over the
// in-memory payloads, so nothing is copied per request.
#include "Payloads.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

// Slow-client limits: a client must finish the TLS handshake, and each request
// once it has started, within these times; an idle keep-alive connection is
// closed after kIdleTimeout.
constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
constexpr auto kIdleTimeout = std::chrono::seconds(30);
constexpr std::uint64_t kBodyLimit = 1024 * 1024;

struct Bodies {
    std::string version;
    std::string resources;
};

class Session : public std::enable_shared_from_this<Session>
{
public:
    Session(tcp::socket socket, ssl::context &tls, const Bodies &bodies)
        : m_stream(std::move(socket), tls), m_bodies(bodies)
    {
    }

    void run()
    {
        // As nginx does on keep-alive connections: a response's last TLS
        // record must not wait for the client's ACK of the previous one.
        // (Measured: 10-15 % more large responses a second, half the p99.)
        beast::get_lowest_layer(m_stream).socket().set_option(tcp::no_delay(true));
        beast::get_lowest_layer(m_stream).expires_after(kHandshakeTimeout);
        m_stream.async_handshake(ssl::stream_base::server,
                                 [self = shared_from_this()](beast::error_code ec) { self->onHandshake(ec); });
    }

private:
    void onHandshake(beast::error_code ec)
    {
        if (ec)
            return;
        readRequest();
    }

    void readRequest()
    {
        m_parser.emplace();
        m_parser->body_limit(kBodyLimit);
        beast::get_lowest_layer(m_stream).expires_after(kIdleTimeout);
        http::async_read(m_stream, m_buffer, *m_parser,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onRead(ec); });
    }

    void onRead(beast::error_code ec)
    {
        if (ec == http::error::end_of_stream)
            return close();
        if (ec == http::error::body_limit) {
            m_response = {};
            m_response.result(http::status::payload_too_large);
            m_response.keep_alive(false);
            return write();
        }
        if (ec)
            return; // timeout or broken connection: the socket closes with the session
        const auto &request = m_parser->get();
        std::string_view target = request.target();
        target = target.substr(0, target.find('?'));
        const std::string *body = nullptr;
        if (target == "/api2/json/version")
            body = &m_bodies.version;
        else if (target == "/api2/json/cluster/resources")
            body = &m_bodies.resources;
        static const std::string kNotFound = R"({"data":null})";
        m_response = {};
        m_response.result(body ? http::status::ok : http::status::not_found);
        m_response.version(request.version());
        m_response.set(http::field::server, "bench-beast");
        m_response.set(http::field::content_type, "application/json;charset=UTF-8");
        const std::string &bytes = body ? *body : kNotFound;
        m_response.body() = {bytes.data(), bytes.size()};
        m_response.keep_alive(request.keep_alive());
        m_response.prepare_payload();
        write();
    }

    void write()
    {
        http::async_write(m_stream, m_response, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec)
                return;
            if (!self->m_response.keep_alive())
                return self->close();
            self->readRequest();
        });
    }

    void close()
    {
        beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(5));
        m_stream.async_shutdown([self = shared_from_this()](beast::error_code) {});
    }

    beast::ssl_stream<beast::tcp_stream> m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    http::response<http::span_body<const char>> m_response;
    const Bodies &m_bodies;
};

class Listener
{
public:
    Listener(net::io_context &io, ssl::context &tls, const Bodies &bodies, unsigned short port)
        : m_io(io), m_tls(tls), m_bodies(bodies), m_acceptor(io, {net::ip::make_address("127.0.0.1"), port})
    {
    }

    void accept()
    {
        m_acceptor.async_accept(net::make_strand(m_io), [this](beast::error_code ec, tcp::socket socket) {
            if (!ec)
                std::make_shared<Session>(std::move(socket), m_tls, m_bodies)->run();
            accept();
        });
    }

private:
    net::io_context &m_io;
    ssl::context &m_tls;
    const Bodies &m_bodies;
    tcp::acceptor m_acceptor;
};

const char *argument(int argc, char **argv, std::string_view name, const char *fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (name == argv[i])
            return argv[i + 1];
    }
    return fallback;
}

} // namespace

int main(int argc, char **argv)
{
    const auto port = static_cast<unsigned short>(std::atoi(argument(argc, argv, "--port", "8444")));
    const char *cert = argument(argc, argv, "--cert", nullptr);
    const char *key = argument(argc, argv, "--key", nullptr);
    const int guests = std::atoi(argument(argc, argv, "--guests", "10000"));
    if (!cert || !key) {
        std::fprintf(stderr, "usage: %s --port P --cert CERT.pem --key KEY.pem [--guests N]\n", argv[0]);
        return 2;
    }
    const Bodies bodies{atalaia::bench::http::versionJson(), atalaia::bench::http::clusterResourcesJson(guests)};

    ssl::context tls(ssl::context::tls_server);
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3
                    | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    tls.use_certificate_chain_file(cert);
    tls.use_private_key_file(key, ssl::context::pem);

    net::io_context io(1);
    Listener listener(io, tls, bodies, port);
    listener.accept();
    std::printf("listening on 127.0.0.1:%u (beast)\n", unsigned(port));
    std::fflush(stdout);
    io.run();
    return 0;
}
