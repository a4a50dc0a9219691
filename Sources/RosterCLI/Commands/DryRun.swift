#if CLI
import Foundation
import RosterCore
import RosterHTTP

/// `--dry-run` for writes: reads (GET, HEAD) go to the vendor as usual — an operation may need a
/// lookup to know what it would write — but the first write is captured instead of sent, and the
/// operation stops there. So the driver's own checks run, and what is printed is exactly the request
/// that would have gone out (method, URL, content type and body; never a header, so no credential).
final class DryRunRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var captured: HTTPRequest?

    /// The write captured since the last call, if any (and forgets it).
    func take() -> HTTPRequest? {
        lock.withLock {
            defer { captured = nil }
            return captured
        }
    }

    fileprivate func capture(_ request: HTTPRequest) { lock.withLock { captured = request } }

    /// The captured write as JSON fields for the item's output line.
    static func fields(of request: HTTPRequest) -> [(key: String, value: JSONValue)] {
        var fields: [(key: String, value: JSONValue)] = [
            (key: "method", value: .text(request.method.rawValue)),
            (key: "url", value: .text(EnvironmentSecrets.redactor.redact(request.url.absoluteString))),
        ]
        if let body = request.body, !body.isEmpty {
            if let type = request.headers["Content-Type"] { fields.append((key: "contentType", value: .text(type))) }
            let text = EnvironmentSecrets.redactor.redact(String(decoding: body, as: UTF8.self))
            fields.append((key: "body", value: .text(text)))
        }
        return [(key: "wouldSend", value: .object(fields))]
    }
}

/// Thrown in place of sending a write during a dry run; the command reports it as `dryRun`.
struct DryRunStop: Error {}

/// Passes reads to `base` and captures the first write in `recorder` instead of sending it.
struct DryRunTransport: HTTPTransport {
    let base: any HTTPTransport
    let recorder: DryRunRecorder

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if request.method == .get || request.method == .head { return try await base.send(request) }
        recorder.capture(request)
        throw DryRunStop()
    }
}
#endif
