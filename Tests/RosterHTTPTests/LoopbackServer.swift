#if CLI
import Foundation
import Hummingbird
import NIOCore
import RosterHTTP

/// A real HTTP server on 127.0.0.1 with a few routes that misbehave on purpose, for testing the
/// URLSession transport end to end. Bound to port 0; `port` is the one the system picked.
final class LoopbackServer: @unchecked Sendable {
    private let lock = NSLock()
    private var boundPort: Int?
    private var task: Task<Void, any Error>?
    private var received: [(path: String, headers: [String: String], body: String)] = []

    var port: Int { lock.withLock { boundPort! } }
    var requests: [(path: String, headers: [String: String], body: String)] { lock.withLock { received } }
    /// How many requests reached `path`.
    func count(_ path: String) -> Int { requests.filter { $0.path == path }.count }

    /// The gzip body `/gzip-bomb` sends: 64 MiB of zeros in about 420 KB.
    static let bomb = GzipBomb.make(expandedBytes: 64 << 20)

    /// Starts the server with `otherHost` as a second origin to redirect to.
    func start(redirectTarget: @escaping @Sendable () -> String = { "" }) async throws {
        let router = Router()
        router.middlewares.add(RecordingMiddleware(server: self))
        router.get("ok") { _, _ in "fine" }
        router.post("echo") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            let type = request.headers[.contentType] ?? "none"
            return "\(type)|\(String(buffer: body))"
        }
        router.get("status/:code") { _, context in
            let code = Int(context.parameters.get("code") ?? "") ?? 500
            return Response(status: .init(code: code), headers: [.retryAfter: "3"], body: .init(byteBuffer: ByteBuffer(string: "{\"error\":\"x\"}")))
        }
        router.get("trickle") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    for _ in 0..<100 {
                        try await writer.write(ByteBuffer(string: "."))
                        try await Task.sleep(nanoseconds: 200_000_000)
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("slow") { _, _ in
            try await Task.sleep(nanoseconds: 20_000_000_000)
            return "late"
        }
        // Declares 10 GiB, then trickles: only the declaration can be judged in time.
        router.get("huge-length") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody(contentLength: 10 << 30) { writer in
                    for _ in 0..<300 {
                        try await writer.write(ByteBuffer(string: "[0,"))
                        try await Task.sleep(nanoseconds: 100_000_000)
                    }
                })
        }
        // Streams 64 KiB chunks with no Content-Length until 1 GiB or until the client goes away.
        router.get("endless") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    let chunk = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 << 10)
                    for _ in 0..<(1 << 14) { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        }
        router.get("gzip-bomb") { _, _ in
            Response(
                status: .ok, headers: [.contentEncoding: "gzip", .contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: LoopbackServer.bomb)))
        }
        // The write is taken in (recorded), then no answer comes for 20 s.
        router.post("hang") { _, _ in
            try await Task.sleep(nanoseconds: 20_000_000_000)
            return "late"
        }
        router.put("hang") { _, _ in
            try await Task.sleep(nanoseconds: 20_000_000_000)
            return "late"
        }
        // The write is taken in, the answer starts, and the connection drops before it is complete.
        router.post("drop") { _, _ in
            Response(
                status: .created,
                body: ResponseBody(contentLength: 1000) { writer in
                    try await writer.write(ByteBuffer(string: "{\"id\":"))
                    throw CancellationError()
                })
        }
        router.get("redirect-here") { _, _ in
            Response(status: .found, headers: [.location: "/ok"])
        }
        router.get("redirect-away") { _, _ in
            Response(status: .found, headers: [.location: redirectTarget()])
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { [self] channel in
                lock.withLock { boundPort = channel.localAddress?.port }
            })
        lock.withLock { task = Task { try await app.run() } }
        for _ in 0..<500 where lock.withLock({ boundPort == nil }) { try await Task.sleep(nanoseconds: 10_000_000) }
        guard lock.withLock({ boundPort != nil }) else { throw CancellationError() }
    }

    func stop() async {
        let running = lock.withLock { task }
        running?.cancel()
        _ = await running?.result
    }

    fileprivate func record(path: String, headers: [String: String], body: String) {
        lock.withLock { received.append((path, headers, body)) }
    }
}

private struct RecordingMiddleware<Context: RequestContext>: RouterMiddleware {
    let server: LoopbackServer
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        server.record(path: request.uri.path, headers: headers, body: "")
        return try await next(request, context)
    }
}
#endif
