// Peak memory while a gzip bomb arrives: a tiny HTTP server on 127.0.0.1 answers every request with
// `Content-Encoding: gzip` and a body that expands to ROSTER_BENCH_GZIP_BOMB_MIB MiB of zeros; the
// body is read through URLSessionTransport (which counts decompressed bytes against its cap) or, for
// comparison, through a bare `URLSession.data(for:)` (which keeps them all).
import Foundation
import RosterCore
import RosterHTTP

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A one-route HTTP/1.1 server on a background thread: every connection gets `body` with `headers`.
final class BombServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32

    init(body: Data, headers: String) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 8) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else { throw RosterError(.unavailable, "the benchmark server could not listen") }
        port = Int(UInt16(bigEndian: address.sin_port))
        let response = Data(headers.utf8) + body
        Thread.detachNewThread {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                var buffer = [UInt8](repeating: 0, count: 8192)
                var request = Data()
                while !request.contains(Data("\r\n\r\n".utf8)) {
                    let count = recv(connection, &buffer, buffer.count, 0)
                    if count <= 0 { break }
                    request.append(contentsOf: buffer[0..<count])
                }
                response.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let sent = send(connection, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                        if sent <= 0 { break }
                        offset += sent
                    }
                }
                close(connection)
            }
        }
    }
}

/// Serves a bomb of `expandedMiB` MiB, reads it once with `reader` (`transport` or `urlsession`), and
/// prints what came back and the peak memory.
func runGzipBombBenchmark(expandedMiB: Int, reader: String) async throws {
    let bomb = GzipBomb.make(expandedBytes: expandedMiB << 20)
    let headers =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
        + "Content-Length: \(bomb.count)\r\nConnection: close\r\n\r\n"
    let server = try BombServer(body: bomb, headers: headers)
    let url = URL(string: "http://127.0.0.1:\(server.port)/participants")!
    print("gzip bomb: \(bomb.count) bytes compressed, \(expandedMiB) MiB expanded; reader: \(reader)")
    print("peak memory before: \(format(peakMiB(), 1)) MiB")
    let start = Date()
    switch reader {
    case "urlsession":
        let (data, _) = try await URLSession.shared.data(for: URLRequest(url: url))
        print("URLSession.data(for:) returned \(data.count) bytes")
    default:
        let transport = URLSessionTransport(deadlineSeconds: 120)
        do {
            let response = try await transport.send(HTTPRequest(method: .get, url: url))
            print("URLSessionTransport returned \(response.body.count) bytes")
        } catch let error as RosterError {
            let cap = transport.maxBodyBytes >> 20
            print("URLSessionTransport (cap \(cap) MiB) failed: \(error.code): \(error.message)")
        }
    }
    print("wall time: \(format(Date().timeIntervalSince(start), 2)) s")
    print("peak memory after: \(format(peakMiB(), 1)) MiB")
    // A transfer cancelled at the cap may still be winding down inside URLSession: look again later.
    try await Task.sleep(nanoseconds: 8_000_000_000)
    print("peak memory 8 s later: \(format(peakMiB(), 1)) MiB")
}
