/// Puts the credential on every request (`header: prefix + credential`). On a 401 from a source
/// that can refresh, it asks for a fresh credential once and resends. Its description shows no value.
public struct AuthMiddleware: HTTPMiddleware, CustomStringConvertible {
    /// The header name, e.g. `X-API-Key` or `Authorization`.
    public let header: String
    /// Text before the credential, e.g. `Bearer `.
    public let prefix: String
    /// Where the credential comes from.
    public let source: any CredentialSource

    /// Creates the middleware.
    public init(header: String = "Authorization", prefix: String = "", source: any CredentialSource) {
        self.header = header
        self.prefix = prefix
        self.source = source
    }

    /// Handles one request: see the type's description.
    public func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var signed = request
        signed.headers[header] = prefix + (try await source.credential(refresh: false))
        let response = try await next(signed)
        guard response.status == 401, source.canRefresh else { return response }
        signed.headers[header] = prefix + (try await source.credential(refresh: true))
        return try await next(signed)
    }

    public var description: String { "AuthMiddleware(\(header): \(prefix)‹redacted›)" }
}
