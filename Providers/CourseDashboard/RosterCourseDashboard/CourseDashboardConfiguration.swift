public import Foundation
public import RosterCore
public import RosterHTTP

/// How to reach one SelfCommunity community's API v2 ("Course Dashboard"). Every call runs as the
/// community user the token belongs to, and the dashboard endpoints need that user to be the
/// creator or a manager of each course read: give an integration a service user that manages them.
public struct CourseDashboardConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The community's own host, e.g. `https://community.example` (https, or http on loopback). A
    /// trailing `/api/v2` is accepted and dropped: paths are added under `/api/v2/`.
    public var baseURL: URL
    /// Where bearer tokens come from: `StaticCredential` for a fixed access token, or
    /// `ClosureCredential` for one the caller mints or refreshes (asked again once after a 401).
    public var token: any CredentialSource
    /// How 429 and 5xx answers are retried (GETs and the idempotent role and invite writes).
    public var retry: RetryPolicy
    /// A client-side request budget. SelfCommunity publishes no numbers, so none by default.
    public var rateLimit: RateLimit?
    /// Records per page when a query sets none (the vendor documents no default or maximum).
    public var pageSize: Int
    /// `join_status` values this adapter does not know yet, to ask for as well in unfiltered
    /// listings (the server only returns the statuses it is asked for); they arrive as `.unknown`.
    public var additionalJoinStatuses: [String]

    /// A fixed token given as text: registered with the redactor and used as the rate-budget key.
    let knownToken: String?

    /// Creates a configuration whose tokens come from `token`.
    public init(
        baseURL: URL, token: any CredentialSource, retry: RetryPolicy = RetryPolicy(), rateLimit: RateLimit? = nil,
        pageSize: Int = 50, additionalJoinStatuses: [String] = []
    ) {
        self.init(
            baseURL: baseURL, source: token, knownToken: nil, retry: retry, rateLimit: rateLimit, pageSize: pageSize,
            additionalJoinStatuses: additionalJoinStatuses)
    }

    /// Creates a configuration with a fixed bearer token (a JWT or OAuth2 access token).
    public init(
        baseURL: URL, token: String, retry: RetryPolicy = RetryPolicy(), rateLimit: RateLimit? = nil,
        pageSize: Int = 50, additionalJoinStatuses: [String] = []
    ) {
        self.init(
            baseURL: baseURL, source: StaticCredential(token), knownToken: token, retry: retry, rateLimit: rateLimit,
            pageSize: pageSize, additionalJoinStatuses: additionalJoinStatuses)
    }

    private init(
        baseURL: URL, source: any CredentialSource, knownToken: String?, retry: RetryPolicy, rateLimit: RateLimit?,
        pageSize: Int, additionalJoinStatuses: [String]
    ) {
        self.baseURL = Self.communityRoot(of: baseURL)
        self.token = source
        self.knownToken = knownToken
        self.retry = retry
        self.rateLimit = rateLimit
        self.pageSize = pageSize
        self.additionalJoinStatuses = additionalJoinStatuses
    }

    /// The host and settings, never the token.
    public var description: String {
        let kind = token.canRefresh ? "refreshable token" : "static token"
        let limit = rateLimit.map { "\($0)" } ?? "none"
        return "Course Dashboard at \(baseURL.absoluteString) (\(kind) ‹redacted›, up to \(retry.maxAttempts) attempts, "
            + "rate limit \(limit), page size \(pageSize))"
    }

    /// The same as `description`: the token never shows.
    public var debugDescription: String { description }

    /// `url` without a trailing `/api/v2` (or `/api/v2/`), so both spellings of the host work.
    static func communityRoot(of url: URL) -> URL {
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        if text.hasSuffix("/api/v2") { text.removeLast("/api/v2".count) }
        return URL(string: text) ?? url
    }
}

extension CourseDashboardConfiguration {
    /// The variable holding the community's host (required: every community has its own).
    public static let baseURLVariable = "COURSE_DASHBOARD_BASE_URL"
    /// The variable holding a fixed access token.
    public static let tokenVariable = "COURSE_DASHBOARD_TOKEN"
    /// The variable holding the community's JWT secret, to mint tokens from.
    public static let jwtSecretVariable = "COURSE_DASHBOARD_JWT_SECRET"
    /// The variable holding the user id minted tokens act as.
    public static let userIDVariable = "COURSE_DASHBOARD_USER_ID"

    /// A configuration from the environment, by the names the `roster` tool reads:
    /// `COURSE_DASHBOARD_BASE_URL` (required), then `COURSE_DASHBOARD_TOKEN`, or else
    /// `COURSE_DASHBOARD_JWT_SECRET` with `COURSE_DASHBOARD_USER_ID`, from which `signer` mints a
    /// fresh token per request (`CourseDashboardTokenMinter`). Throws `invalidArgument` naming a
    /// missing or malformed variable, or saying that a JWT secret needs a signer.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        signer: (any CourseDashboardTokenSigner)? = nil
    ) throws -> CourseDashboardConfiguration {
        let provider = CourseDashboardDriver.providerID
        guard let baseURL = try ConfigurationEnvironment.url(baseURLVariable, in: environment, provider: provider)
        else {
            throw RosterError(
                .invalidArgument, "no base URL: set \(baseURLVariable) to the community's host", provider: provider)
        }
        if let token = ConfigurationEnvironment.value(tokenVariable, in: environment) {
            return CourseDashboardConfiguration(baseURL: baseURL, token: token)
        }
        guard let secret = ConfigurationEnvironment.value(jwtSecretVariable, in: environment) else {
            throw RosterError(
                .invalidArgument,
                "no credential: set \(tokenVariable) (or \(jwtSecretVariable) with \(userIDVariable))",
                provider: provider)
        }
        guard let user = try ConfigurationEnvironment.integer(userIDVariable, in: environment, provider: provider) else {
            throw RosterError(.invalidArgument, "\(jwtSecretVariable) needs \(userIDVariable): set it", provider: provider)
        }
        guard let signer else {
            throw RosterError(
                .invalidArgument, "\(jwtSecretVariable) is set but no token signer was given", provider: provider)
        }
        let minter = CourseDashboardTokenMinter(secret: secret, userID: user, signer: signer)
        return CourseDashboardConfiguration(baseURL: baseURL, token: minter.credential)
    }
}
