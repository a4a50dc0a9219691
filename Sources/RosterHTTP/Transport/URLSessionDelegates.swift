import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RosterCore

/// The session's delegate: hands each task's events to its `ResponseCollector`, and follows a
/// redirect only when it stays on the same scheme, host and port (otherwise the 3xx comes back, which
/// the transport turns into `untrustedEndpoint`).
final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var collectors: [Int: ResponseCollector] = [:]

    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        func origin(_ url: URL) -> String {
            let scheme = url.scheme?.lowercased() ?? ""
            return "\(scheme)://\(url.host?.lowercased() ?? ""):\(url.port ?? (scheme == "https" ? 443 : 80))"
        }
        return origin(a) == origin(b)
    }

    /// Routes the events of `collector`'s task to it until the task completes.
    func register(_ collector: ResponseCollector) {
        lock.withLock { collectors[collector.task.taskIdentifier] = collector }
    }

    private func collector(for task: URLSessionTask) -> ResponseCollector? {
        lock.withLock { collectors[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        collector(for: dataTask)?.receive(response)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        collector(for: dataTask)?.receive(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let collector = lock.withLock { collectors.removeValue(forKey: task.taskIdentifier) }
        collector?.complete(error, response: task.response)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        guard let from = task.originalRequest?.url, let to = request.url, Self.sameOrigin(from, to) else {
            completionHandler(nil)
            return
        }
        completionHandler(request)
    }
}

/// Gathers one task's response and body, and ends the request exactly once: with the response, or
/// with the first of these failures: the body cap (declared or counted), the per-request deadline,
/// cancellation, or the network error URLSession reports.
final class ResponseCollector: @unchecked Sendable {
    typealias Outcome = Result<(HTTPURLResponse, Data), any Error>

    let request: HTTPRequest
    let limit: Int
    let task: URLSessionDataTask
    private let lock = NSLock()
    private var continuation: CheckedContinuation<(HTTPURLResponse, Data), any Error>?
    private var finished = false
    private var response: HTTPURLResponse?
    private var body = Data()
    /// The per-request deadline: a task sleeping until it, cancelled (and so ended at once) when the
    /// request ends, rather than a cancelled `asyncAfter` work item left in libdispatch's timer list
    /// until its deadline.
    private var timer: Task<Void, Never>?

    init(request: HTTPRequest, limit: Int, task: URLSessionDataTask) {
        self.request = request
        self.limit = limit
        self.task = task
    }

    /// The host (and port) the request went to: the error's own fields already carry the method
    /// and path, so the reason names where it failed and why, once.
    private var display: String {
        let host = request.url.host ?? "the vendor"
        return request.url.port.map { "\(host):\($0)" } ?? host
    }

    /// Starts the task, resuming `continuation` when it ends; at once with `CancellationError` when
    /// the request was cancelled before it started.
    func start(
        _ continuation: CheckedContinuation<(HTTPURLResponse, Data), any Error>, deadlineSeconds: Double,
        delegate: SessionDelegate
    ) {
        let cancelledEarly: Bool = lock.withLock {
            if finished { return true }
            self.continuation = continuation
            return false
        }
        if cancelledEarly {
            continuation.resume(throwing: CancellationError())
            return
        }
        delegate.register(self)
        // Clamped: an absurd deadline must not overflow the dispatch time.
        let seconds = deadlineSeconds.isFinite ? min(max(0, deadlineSeconds), 31_536_000) : 31_536_000
        let timer = Task { [weak self] in
            do {
                try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            } catch {
                return  // cancelled: the request ended first
            }
            self?.expire(after: deadlineSeconds)
        }
        let ended: Bool = lock.withLock {
            if finished { return true }
            self.timer = timer
            return false
        }
        if ended { timer.cancel() }
        task.resume()
    }

    /// The response head: refuses a declared body above the cap before any of it is read.
    func receive(_ response: URLResponse) {
        guard let http = response as? HTTPURLResponse else { return }
        let declared = Self.declaredLength(http, method: request.method)
        let tooLarge: Bool = lock.withLock {
            self.response = http
            guard let declared else { return false }
            if declared > Int64(limit) { return true }
            if body.isEmpty { body.reserveCapacity(Int(declared)) }
            return false
        }
        if tooLarge {
            finish(
                .failure(
                    RosterError(
                        .responseTooLarge,
                        "the response declares \(declared.map(String.init) ?? "?") bytes, above the cap of "
                            + "\(limit); it was not read",
                        httpStatus: http.statusCode)))
        }
    }

    /// Body bytes as they arrive (already decompressed): counted against the cap.
    func receive(_ data: Data) {
        let overflow: (exceeded: Bool, status: Int?) = lock.withLock {
            guard !finished else { return (false, nil) }
            guard body.count + data.count <= limit else { return (true, response?.statusCode) }
            body.append(data)
            return (false, nil)
        }
        if overflow.exceeded {
            finish(
                .failure(
                    RosterError(
                        .responseTooLarge,
                        "the response body exceeds the cap of \(limit) bytes; reading stopped there",
                        httpStatus: overflow.status)))
        }
    }

    /// The task ended: with the gathered response, or with `error`.
    func complete(_ error: (any Error)?, response fallback: URLResponse?) {
        guard let error else {
            let gathered: (HTTPURLResponse, Data)? = lock.withLock {
                guard let http = self.response ?? (fallback as? HTTPURLResponse) else { return nil }
                return (http, body)
            }
            if let gathered {
                finish(.success(gathered), cancelTask: false)
            } else {
                finish(
                    .failure(
                        UnansweredRequest.error(
                            for: request, delivery: .maybeSent, reason: "no HTTP response from \(display)")),
                    cancelTask: false)
            }
            return
        }
        let code = (error as? URLError)?.code ?? URLError.Code(rawValue: (error as NSError).code) ?? .unknown
        if code == .cancelled {
            finish(.failure(CancellationError()), cancelTask: false)
            return
        }
        let answered = lock.withLock { self.response?.statusCode }
        var reason = "could not reach \(display): \(Self.describe(code))"
        if let answered { reason += " after the vendor began answering HTTP \(answered)" }
        let delivery: RosterError.Delivery = Self.neverSent.contains(code) ? .notSent : .maybeSent
        finish(.failure(UnansweredRequest.error(for: request, delivery: delivery, reason: reason)), cancelTask: false)
    }

    /// The caller's task was cancelled.
    func cancel() { finish(.failure(CancellationError())) }

    private func expire(after seconds: Double) {
        finish(
            .failure(
                UnansweredRequest.error(
                    for: request, delivery: .maybeSent,
                    reason: "no complete response from \(display) within \(seconds) s")))
    }

    /// Resumes the caller once, frees the body on failure, and stops the task when it still runs.
    /// The task is cancelled from another thread, never waited for: FoundationNetworking's `cancel()`
    /// waits for the session's work queue, which libcurl keeps busy for as long as it has bytes to
    /// decompress (a local flood of gzip keeps it busy to the end). Until the cancel lands, each chunk
    /// that arrives is dropped at once (`receive` ignores data after the end), so memory stays near
    /// the cap; only CPU is spent.
    private func finish(_ outcome: Outcome, cancelTask: Bool = true) {
        let pending: (CheckedContinuation<(HTTPURLResponse, Data), any Error>?, Task<Void, Never>?)? = lock.withLock {
            guard !finished else { return nil }
            finished = true
            defer {
                continuation = nil
                timer = nil
                body = Data()
            }
            return (continuation, timer)
        }
        guard let pending else { return }
        pending.1?.cancel()
        pending.0?.resume(with: outcome)
        if cancelTask {
            let task = self.task
            DispatchQueue.global().async { task.cancel() }
        }
    }

    /// Failures that happen before anything reaches the vendor.
    private static let neverSent: Set<URLError.Code> = [
        .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet, .badURL, .unsupportedURL,
        .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
        .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
        .clientCertificateRequired, .appTransportSecurityRequiresSecureConnection,
    ]

    /// The body length the response declares, when it has one that counts: not for HEAD, 204 or 304.
    /// A length too long to be a number counts as huge.
    private static func declaredLength(_ http: HTTPURLResponse, method: HTTPMethod) -> Int64? {
        guard method != .head, http.statusCode != 204, http.statusCode != 304,
            let text = http.value(forHTTPHeaderField: "Content-Length")?.trimmingCharacters(in: .whitespaces),
            !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) })
        else { return nil }
        return Int64(text) ?? .max
    }

    private static func describe(_ code: URLError.Code) -> String {
        switch code {
        case .cannotConnectToHost: "connection refused"
        case .timedOut: "timed out"
        case .cannotFindHost, .dnsLookupFailed: "host not found"
        case .networkConnectionLost: "connection lost"
        case .notConnectedToInternet: "not connected"
        case .secureConnectionFailed, .serverCertificateUntrusted: "TLS failure"
        default: "URLError \(code.rawValue)"
        }
    }
}
