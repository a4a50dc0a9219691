#if CLI
import Foundation
import Hummingbird
import NIOCore

/// A real HTTP server on 127.0.0.1 with a few routes that misbehave on purpose, for testing the
/// URLSession transport end to end. Bound to port 0; `port` is the one the system picked.
final class LoopbackServer: @unchecked Sendable {
    private let lock = NSLock()
    private var boundPort: Int?
    private var task: Task<Void, any Error>?
    private var received: [(path: String, headers: [String: String], body: String)] = []

    var port: Int { lock.withLock { boundPort! } }
    var requests: [(path: String, headers: [String: String], body: String)] { lock.withLock { received } }

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
