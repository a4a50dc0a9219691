/// The one error type Roster throws (besides `CancellationError`, which passes through untouched).
/// It carries a portable `code` to branch on, plus the context needed to act on it. No field ever
/// holds a credential: request paths are stored without their query, and vendor bodies pass through
/// the credential redactor before they get here.
public struct RosterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The portable error codes, the same for every provider.
    public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
        /// The credential is missing, wrong or expired.
        case unauthenticated
        /// The credential is valid but may not do this.
        case permissionDenied
        /// The record or course does not exist (or is not visible).
        case notFound
        /// The request was refused as malformed, or a caller's argument is invalid.
        case invalidArgument
        /// The vendor throttled us and retries did not get through; see `retryAfterSeconds`.
        case rateLimited
        /// The vendor or the network failed (5xx, timeout, refused connection).
        case unavailable
        /// The provider cannot do this (capability missing, status not expressible).
        case unsupported
        /// The vendor sent something that could not be decoded; see `jsonPath`.
        case decoding
        /// The vendor's paging contradicted itself (repeated cursor, empty page pointing onward, ...).
        case inconsistentPaging
        /// A response body was larger than the configured cap.
        case responseTooLarge
        /// A next link or redirect pointed at another origin; refused so credentials never leave.
        case untrustedEndpoint
        /// A write was sent but no answer came (timeout, connection lost after sending, a deadline), so
        /// the vendor may or may not have applied it. It is never retried blindly: read the record
        /// (e.g. `Roster.enrollment`) to learn the outcome before trying again.
        case outcomeUnknown
    }

    /// How far a request that got no answer went before it failed: what decides whether repeating it
    /// is safe.
    public enum Delivery: String, Hashable, Sendable, Codable {
        /// It certainly never reached the vendor (refused connection, unknown host, TLS failure, a
        /// deadline that passed before sending): repeating it is safe, whatever the method.
        case notSent
        /// It may have reached the vendor (timeout, connection lost, a deadline that passed while it
        /// was in flight): only an idempotent request may be repeated.
        case maybeSent
    }

    /// What went wrong, portably.
    public var code: Code
    /// A human sentence saying what failed (never a credential).
    public var message: String
    /// The provider the error came from, when known.
    public var provider: ProviderID?
    /// The HTTP status, for errors that came from a response.
    public var httpStatus: Int?
    /// The request method, e.g. `GET`.
    public var method: String?
    /// The request path without its query string (queries can carry secrets).
    public var path: String?
    /// Seconds to wait before trying again, when the vendor said.
    public var retryAfterSeconds: Double?
    /// The JSON path of a decoding failure, e.g. `$[3].user.email`.
    public var jsonPath: String?
    /// The vendor's error body as received (redacted, truncated to 4 KiB).
    public var vendorBody: String?
    /// Per-field details of an invalid-argument error, when the vendor gave them.
    public var fieldErrors: [FieldError]
    /// For a request that got no answer: whether it can have reached the vendor; nil for errors that
    /// came with a response, or when the transport does not say.
    public var delivery: Delivery?

    /// Creates an error.
    public init(
        _ code: Code, _ message: String, provider: ProviderID? = nil, httpStatus: Int? = nil, method: String? = nil,
        path: String? = nil, retryAfterSeconds: Double? = nil, jsonPath: String? = nil, vendorBody: String? = nil,
        fieldErrors: [FieldError] = [], delivery: Delivery? = nil
    ) {
        self.code = code
        self.message = message
        self.provider = provider
        self.httpStatus = httpStatus
        self.method = method
        self.path = path.map(RosterError.stripQuery)
        self.retryAfterSeconds = retryAfterSeconds
        self.jsonPath = jsonPath
        self.vendorBody = vendorBody.map { String($0.prefix(4096)) }
        self.fieldErrors = fieldErrors
        self.delivery = delivery
    }

    /// One line: code, provider, request, status and message.
    public var description: String {
        var parts = ["\(code.rawValue)"]
        if let provider { parts.append("[\(provider)]") }
        if let method, let path { parts.append("\(method) \(path)") }
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        var text = parts.joined(separator: " ") + ": " + message
        if let jsonPath { text += " (at \(jsonPath))" }
        if let retryAfterSeconds { text += " (retry after \(retryAfterSeconds) s)" }
        if !fieldErrors.isEmpty {
            text += " — " + fieldErrors.map { item in
                let messages = item.messages.joined(separator: "; ")
                return item.field.map { "\($0): \(messages)" } ?? messages
            }.joined(separator: ", ")
        }
        return text
    }

    /// The same error attributed to `provider` (kept when already set).
    public func attributed(to provider: ProviderID) -> RosterError {
        var copy = self
        if copy.provider == nil { copy.provider = provider }
        return copy
    }

    static func stripQuery(_ path: String) -> String {
        if let mark = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { return String(path[..<mark]) }
        return path
    }
}

/// One field-level complaint from a vendor (e.g. SelfCommunity's `errors[].field`).
public struct FieldError: Hashable, Sendable, Codable {
    /// The vendor's error code, when given.
    public var code: String?
    /// The field the complaint is about, when given.
    public var field: String?
    /// The messages.
    public var messages: [String]

    /// Creates a field error.
    public init(code: String? = nil, field: String? = nil, messages: [String]) {
        self.code = code
        self.field = field
        self.messages = messages
    }
}

extension RosterError {
    /// A decoding error from Swift's `DecodingError`, naming the JSON path where it failed.
    public static func decoding(
        _ error: DecodingError, provider: ProviderID?, method: String? = nil, path: String? = nil
    ) -> RosterError {
        let (context, what): (DecodingError.Context?, String) =
            switch error {
            case .typeMismatch(let type, let c): (c, "expected \(type)")
            case .valueNotFound(let type, let c): (c, "missing value of \(type)")
            case .keyNotFound(let key, let c): (c, "missing key \"\(key.stringValue)\"")
            case .dataCorrupted(let c): (c, "malformed data")
            @unknown default: (nil, "undecodable")
            }
        let keys = context?.codingPath ?? []
        var jsonPath = "$"
        for key in keys {
            if let index = key.intValue { jsonPath += "[\(index)]" } else { jsonPath += ".\(key.stringValue)" }
        }
        if case .keyNotFound(let key, _) = error { jsonPath += ".\(key.stringValue)" }
        var detail = context?.debugDescription ?? ""
        if let underlying = context?.underlyingError { detail += " \(String(describing: underlying))" }
        let message = detail.isEmpty ? what : "\(what): \(detail)"
        return RosterError(.decoding, message, provider: provider, method: method, path: path, jsonPath: jsonPath)
    }
}
