/// A bearer token that comes from the caller's own code: a JWT minted on demand, or an OAuth2
/// access token refreshed with its refresh token. Roster asks with `refresh: false` before each
/// request and, when the community answers 401 (the token expired or was revoked), once more with
/// `refresh: true` before giving up.
public struct CourseDashboardTokenProvider: CredentialSource {
    private let fetch: @Sendable (_ refresh: Bool) async throws -> String

    /// Creates a provider that calls `fetch`; `refresh` is true when the last token was refused.
    public init(_ fetch: @escaping @Sendable (_ refresh: Bool) async throws -> String) {
        self.fetch = fetch
    }

    /// The token to send; a fresh one when `refresh` is true.
    public func credential(refresh: Bool) async throws -> String { try await fetch(refresh) }

    /// Always true: the closure may return a new token.
    public var canRefresh: Bool { true }
}
