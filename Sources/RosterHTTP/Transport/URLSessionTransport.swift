import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RosterCore

/// The default transport: URLSession (FoundationNetworking on Linux), made safe for credentials and
/// honest about time.
/// - An overall deadline per request (URLSession's own timeouts are idle timeouts on Linux: a
///   trickling response outlives them), raced against the request in a task group.
/// - Redirects are followed only within the same scheme, host and port; a redirect to another origin
///   is refused with `untrustedEndpoint`, so a key or token is never sent elsewhere.
/// - Task cancellation surfaces as `CancellationError`; network failures and the deadline as
///   `unavailable`. Non-2xx statuses are responses, not errors.
public struct URLSessionTransport: HTTPTransport {
    /// Seconds a whole request may take, from sending to the last body byte.
    public let deadlineSeconds: Double
    private let session: URLSession

    /// Creates a transport with its own session.
    public init(deadlineSeconds: Double = 60) {
        self.deadlineSeconds = deadlineSeconds
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = deadlineSeconds
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(configuration: configuration, delegate: SameOriginRedirects(), delegateQueue: nil)
    }

    /// Sends one request: see the type's description.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.httpBody = request.body
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if request.body != nil && request.headers["Content-Type"] == nil {
            urlRequest.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        }
        let session = self.session
        let prepared = urlRequest
        let deadline = deadlineSeconds
        let display = "\(request.method.rawValue) \(request.pathForDisplay)"
        do {
            return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
                group.addTask {
                    let (data, response) = try await session.data(for: prepared)
                    guard let http = response as? HTTPURLResponse else {
                        throw RosterError(.unavailable, "no HTTP response for \(display)")
                    }
                    return try Self.convert(http, data, original: request.url)
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(deadline * 1_000_000_000))
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw RosterError(.unavailable, "no complete response within \(deadline) s for \(display)")
                }
                return response
            }
        } catch let error as URLError {
            if error.code == .cancelled || Task.isCancelled { throw CancellationError() }
            throw RosterError(.unavailable, "network failure for \(display): \(Self.describe(error))")
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as RosterError {
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }

    private static func convert(_ http: HTTPURLResponse, _ data: Data, original: URL) throws -> HTTPResponse {
        if (300..<400).contains(http.statusCode), let location = http.value(forHTTPHeaderField: "Location") {
            let target = URL(string: location, relativeTo: original)?.absoluteURL
            if target.map({ !SameOriginRedirects.sameOrigin($0, original) }) ?? true {
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

    private static func describe(_ error: URLError) -> String {
        switch error.code {
        case .cannotConnectToHost: "connection refused"
        case .timedOut: "timed out"
        case .cannotFindHost, .dnsLookupFailed: "host not found"
        case .networkConnectionLost: "connection lost"
        case .notConnectedToInternet: "not connected"
        case .secureConnectionFailed, .serverCertificateUntrusted: "TLS failure"
        default: "URLError \(error.code.rawValue)"
        }
    }
}

/// Follows a redirect only when it stays on the same scheme, host and port; otherwise hands the 3xx
/// back (which the transport turns into `untrustedEndpoint`).
final class SameOriginRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        func origin(_ url: URL) -> String {
            let scheme = url.scheme?.lowercased() ?? ""
            return "\(scheme)://\(url.host?.lowercased() ?? ""):\(url.port ?? (scheme == "https" ? 443 : 80))"
        }
        return origin(a) == origin(b)
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
