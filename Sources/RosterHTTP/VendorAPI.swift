public import Foundation
public import RosterCore

/// What an adapter uses to talk to its vendor: builds URLs under the base URL, sends through the
/// client (middleware + transport), turns non-2xx responses into `RosterError` via the adapter's
/// `errorMapper`, enforces the body cap, decodes JSON with the failing path named, and refuses links
/// to other origins. Every message and vendor body passes the credential redactor.
public struct VendorAPI: Sendable {
    /// The provider name put on every error.
    public let provider: ProviderID
    /// The base URL; paths are appended to it.
    public let baseURL: URL
    /// The client requests go through.
    public let client: any HTTPTransport
    /// Removes the adapter's credentials from any text that reaches an error.
    public let redactor: CredentialRedactor
    /// Responses larger than this fail with `responseTooLarge` (default 32 MiB).
    public let maxBodyBytes: Int
    /// The clock an HTTP-date `Retry-After` is measured against.
    public let clock: any RosterClock
    /// Maps a non-2xx (or a 2xx the vendor uses for errors) response to an error; nil means success.
    public let errorMapper: @Sendable (HTTPResponse, HTTPRequest) -> RosterError?

    /// Creates the API access. Throws `invalidArgument` for a base URL that is not https (or http on
    /// a loopback host).
    public init(
        provider: ProviderID, baseURL: URL, client: any HTTPTransport, redactor: CredentialRedactor,
        maxBodyBytes: Int = 32 << 20, clock: any RosterClock = SystemClock(),
        errorMapper: @escaping @Sendable (HTTPResponse, HTTPRequest) -> RosterError? = VendorAPI.standardErrorMapping
    ) throws {
        try BaseURLPolicy.validate(baseURL, provider: provider)
        self.provider = provider
        self.baseURL = baseURL
        self.client = client
        self.redactor = redactor
        self.maxBodyBytes = maxBodyBytes
        self.clock = clock
        self.errorMapper = errorMapper
    }

    /// `path` (e.g. `/participants/12`) appended to the base URL's path, with `query` encoded. Query
    /// values are percent-encoded strictly: `+` becomes `%2B` (PHP servers read a bare `+` as a space),
    /// and brackets in names become `%5B%5D`.
    public func url(_ path: String, query: [(String, String)] = []) -> URL {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let suffix = path.hasPrefix("/") ? path : "/" + path
        var text = base + suffix
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        return URL(string: text)!
    }

    /// Strict percent-encoding for one query name or value (RFC 3986 unreserved characters only).
    public static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Sends a request and returns the response, or throws the mapped error.
    public func send(
        _ method: HTTPMethod, _ url: URL, body: RequestBody? = nil, headers: HTTPHeaders = [:],
        retryable: Bool? = nil
    ) async throws -> HTTPResponse {
        var request = HTTPRequest(method: method, url: url, headers: headers, isRetryable: retryable)
        if request.headers["Accept"] == nil { request.headers["Accept"] = "application/json" }
        if let body {
            request.body = body.data
            request.headers["Content-Type"] = body.contentType
        }
        let response: HTTPResponse
        do {
            response = try await client.send(request)
        } catch let error as RosterError {
            throw redactor.redact(annotate(error, request))
        }
        if response.body.count > maxBodyBytes {
            throw redactor.redact(
                RosterError(
                    .responseTooLarge, "the response body of \(response.body.count) bytes exceeds the cap of \(maxBodyBytes)",
                    provider: provider, httpStatus: response.status, method: method.rawValue,
                    path: request.pathForDisplay))
        }
        if let error = errorMapper(response, request) {
            throw redactor.redact(annotate(error, request, response: response))
        }
        return response
    }

    /// Decodes `type` from a response body, turning any failure into a `decoding` error naming the
    /// JSON path and the request. The body passes `JSONNesting.check` first (Foundation's decoder
    /// traps on some over-deep bodies).
    public func decode<T: Decodable>(
        _ type: T.Type, from response: HTTPResponse, for method: HTTPMethod, _ url: URL,
        decoder: JSONDecoder = JSONDecoder()
    ) throws -> T {
        do {
            try JSONNesting.check(response.body, provider: provider)
            return try decoder.decode(type, from: response.body)
        } catch var error as RosterError {
            error.method = method.rawValue
            error.path = url.path
            throw error
        } catch let error as DecodingError {
            throw redactor.redact(
                RosterError.decoding(error, provider: provider, method: method.rawValue, path: url.path))
        }
    }

    /// Throws `untrustedEndpoint` unless `link` has the base URL's scheme, host and port: a bearer
    /// token or key must never be sent to another origin.
    public func checkSameOrigin(_ link: URL) throws {
        func origin(_ url: URL) -> String {
            let scheme = url.scheme?.lowercased() ?? ""
            let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
            return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
        }
        guard origin(link) == origin(baseURL) else {
            throw RosterError(
                .untrustedEndpoint, "refused a link to another origin (\(link.host ?? "no host")); credentials stay with \(baseURL.host ?? "the base host")",
                provider: provider)
        }
    }

    private func annotate(_ error: RosterError, _ request: HTTPRequest, response: HTTPResponse? = nil) -> RosterError {
        var copy = error.attributed(to: provider)
        if copy.method == nil { copy.method = request.method.rawValue }
        if copy.path == nil { copy.path = request.pathForDisplay }
        if copy.httpStatus == nil, let response { copy.httpStatus = response.status }
        if copy.vendorBody == nil, let response, !response.body.isEmpty {
            copy.vendorBody = String(decoding: response.body.prefix(4096), as: UTF8.self)
        }
        if copy.retryAfterSeconds == nil, let response, let header = response.headers["Retry-After"] {
            copy.retryAfterSeconds = RetryAfter.seconds(from: header, now: clock.now())
        }
        return copy
    }

    /// The mapping every vendor starts from: 400/413/422 → invalidArgument, 401 → unauthenticated,
    /// 403 → permissionDenied, 404/410 → notFound, 429 → rateLimited, 5xx → unavailable, other non-2xx →
    /// unavailable.
    @Sendable public static func standardErrorMapping(_ response: HTTPResponse, _ request: HTTPRequest) -> RosterError? {
        if response.isSuccess { return nil }
        let code: RosterError.Code =
            switch response.status {
            case 400, 405, 406, 409, 413, 415, 422: .invalidArgument
            case 401: .unauthenticated
            case 403: .permissionDenied
            case 404, 410: .notFound
            case 429: .rateLimited
            default: .unavailable
            }
        return RosterError(code, "the vendor answered HTTP \(response.status)", httpStatus: response.status)
    }
}

/// A request body with its content type.
public enum RequestBody: Sendable, Hashable {
    /// A JSON document.
    case json(Data)
    /// `application/x-www-form-urlencoded` fields, in order.
    case form([FormField])

    /// One form field.
    public struct FormField: Sendable, Hashable {
        /// The field name, e.g. `idStatus` or `custom_properties[key]`.
        public var name: String
        /// The field value, unencoded.
        public var value: String
        /// Creates a field.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The encoded body.
    public var data: Data {
        switch self {
        case .json(let data): data
        case .form(let fields):
            Data(fields.map { "\(VendorAPI.encode($0.name))=\(VendorAPI.encode($0.value))" }.joined(separator: "&").utf8)
        }
    }

    /// The `Content-Type` to send.
    public var contentType: String {
        switch self {
        case .json: "application/json"
        case .form: "application/x-www-form-urlencoded"
        }
    }
}

/// The rule for base URLs: https anywhere, plain http only on loopback hosts.
public enum BaseURLPolicy {
    /// True for a literal IPv4 address in 127.0.0.0/8, `localhost` and `::1` — and nothing else: a
    /// name such as `127.example.com` is not loopback, whatever it starts with.
    public static func isLoopback(host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" { return true }
        let octets = h.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII) && octet.allSatisfy(\.isNumber)
                && Int(octet).map { $0 <= 255 } == true
        }
    }

    /// Throws `invalidArgument` unless `url` is https, or http on a loopback host.
    public static func validate(_ url: URL, provider: ProviderID? = nil) throws {
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw RosterError(.invalidArgument, "the base URL needs a scheme and a host", provider: provider)
        }
        if url.user != nil || url.password != nil {
            throw RosterError(
                .invalidArgument, "the base URL must not carry a user or password: credentials come from the environment",
                provider: provider)
        }
        if url.query != nil || url.fragment != nil {
            throw RosterError(.invalidArgument, "the base URL must not carry a query or fragment", provider: provider)
        }
        if scheme == "https" { return }
        if scheme == "http" && isLoopback(host: host) { return }
        throw RosterError(
            .invalidArgument, "plain http:// is only allowed for loopback hosts; use https:// for \(host)",
            provider: provider)
    }
}

/// Parsing of the `Retry-After` header, in both of its forms.
public enum RetryAfter {
    /// Seconds to wait: the header's delta-seconds, or its HTTP-date minus `now` (never negative);
    /// nil when the header is neither.
    public static func seconds(from header: String, now: Date) -> Double? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0, seconds.isFinite { return seconds }
        guard let date = httpDate(trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// Parses an HTTP-date in any of the three forms RFC 9110 §5.6.7 makes recipients accept:
    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`); nil otherwise.
    public static func httpDate(_ text: String) -> Date? {
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if format.contains("yy HH"), let date = formatter.date(from: collapsed) {
                // RFC 850 years have two digits: read them as the nearest year not more than 50 years ahead.
                return date
            }
            if let date = formatter.date(from: collapsed) { return date }
        }
        return nil
    }

    /// Formats `date` as an IMF-fixdate.
    public static func httpDateString(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
