import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RosterCore

/// The default transport: URLSession (FoundationNetworking on Linux), made safe for credentials,
/// memory and time.
/// - A body cap enforced while reading: a `Content-Length` above `maxBodyBytes` is refused before the
///   body is read, and the bytes are counted as they arrive (after libcurl has decompressed them, so a
///   small gzip body that expands past the cap stops at the cap): `responseTooLarge`, with memory
///   held near the cap rather than the body's size. (The transfer is cancelled without waiting;
///   URLSession may run it on for a while, dropping every further byte as it arrives.)
/// - An overall deadline per request (URLSession's own timeouts are idle timeouts on Linux: a
///   trickling response outlives them).
/// - Redirects are followed only within the same scheme, host and port; a redirect to another origin
///   is refused with `untrustedEndpoint`, so a key or token is never sent elsewhere.
/// - Task cancellation surfaces as `CancellationError`. A request that got no answer fails by how far
///   it went (see `UnansweredRequest`): never sent → `unavailable`; maybe sent → `unavailable` when
///   it may be repeated, else `outcomeUnknown`. Non-2xx statuses are responses, not errors.
public struct URLSessionTransport: HTTPTransport {
    /// Seconds a whole request may take, from sending to the last body byte.
    public let deadlineSeconds: Double
    /// The most body bytes (decompressed) one response may have; more fails with `responseTooLarge`.
    public let maxBodyBytes: Int
    private let session: URLSession
    private let delegate: SessionDelegate

    /// Creates a transport with its own session. The default cap matches `VendorAPI`'s (32 MiB).
    public init(deadlineSeconds: Double = 60, maxBodyBytes: Int = 32 << 20) {
        self.deadlineSeconds = deadlineSeconds
        self.maxBodyBytes = max(0, maxBodyBytes)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = deadlineSeconds
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let delegate = SessionDelegate()
        self.delegate = delegate
        self.session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    /// Sends one request: see the type's description.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.httpBody = request.body
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if request.body != nil && request.headers["Content-Type"] == nil {
            urlRequest.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        }
        let task = session.dataTask(with: urlRequest)
        let collector = ResponseCollector(request: request, limit: maxBodyBytes, task: task)
        let (http, body) = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                collector.start(continuation, deadlineSeconds: deadlineSeconds, delegate: delegate)
            }
        } onCancel: {
            collector.cancel()
        }
        return try Self.convert(http, body, original: request.url)
    }

    private static func convert(_ http: HTTPURLResponse, _ data: Data, original: URL) throws -> HTTPResponse {
        if (300..<400).contains(http.statusCode), let location = http.value(forHTTPHeaderField: "Location") {
            let target = URL(string: location, relativeTo: original)?.absoluteURL
            if target.map({ !SessionDelegate.sameOrigin($0, original) }) ?? true {
                throw RosterError(
                    .untrustedEndpoint,
                    "refused a redirect to another origin (\(target?.host ?? "unknown host")); credentials were not sent there")
            }
        }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers.add(name, value) }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }
}
