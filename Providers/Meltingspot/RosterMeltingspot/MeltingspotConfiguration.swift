public import Foundation
public import RosterCore
public import RosterHTTP

/// Everything a `MeltingspotDriver` needs to reach one Spot: its secret key, where the API lives, how
/// the key is presented, the request budgets and the retry policy. Its description never shows the key.
public struct MeltingspotConfiguration: Sendable, CustomStringConvertible {
    /// How the secret key is written into the `Authorization` header. Meltingspot's docs say only
    /// "put the secret key in the Authorization header" and name no scheme.
    public enum AuthorizationScheme: String, Hashable, Sendable, CaseIterable {
        /// `Authorization: Bearer <key>`: what third-party clients that work against Meltingspot send.
        case bearer
        /// `Authorization: <key>`: the literal reading of the docs.
        case bare

        /// The text written before the key.
        public var prefix: String { self == .bearer ? "Bearer " : "" }
    }

    /// The documented base URL, `https://openapi.meltingspot.io/v1`.
    public static let defaultBaseURL = URL(string: "https://openapi.meltingspot.io/v1")!
    /// The documented budgets: 100 requests per 10 seconds and 50,000 per day, per key.
    public static let documentedRateLimits = [
        RateLimit(requests: 100, per: 10), RateLimit(requests: 50_000, per: 86_400),
    ]

    /// The Spot's secret key (Spot settings → API Access).
    public var secretKey: String
    /// Where the API lives; every path is appended to it. https, or http on loopback (simulators).
    public var baseURL: URL
    /// How the key is presented. Default `.bearer`: it is what working third-party clients send;
    /// switch to `.bare` if a Spot rejects it.
    public var authorizationScheme: AuthorizationScheme
    /// The client-side budgets every request must fit (shared by all drivers using the same key).
    public var rateLimits: [RateLimit]
    /// When and how often throttled or failed requests are retried.
    public var retryPolicy: RetryPolicy
    /// How many spot members go into one `participants~bulkInvite` request. The vendor answers 413
    /// to payloads that are too large without saying where the limit is; a chunk that still gets 413
    /// is halved and sent again.
    public var bulkInviteChunkSize: Int
    /// How many addresses go into one `email[in]` lookup (keeps URLs short).
    public var emailLookupChunkSize: Int

    /// Creates a configuration with the documented defaults.
    public init(
        secretKey: String, baseURL: URL = MeltingspotConfiguration.defaultBaseURL,
        authorizationScheme: AuthorizationScheme = .bearer,
        rateLimits: [RateLimit] = MeltingspotConfiguration.documentedRateLimits, retryPolicy: RetryPolicy = .init(),
        bulkInviteChunkSize: Int = 50, emailLookupChunkSize: Int = 50
    ) {
        self.secretKey = secretKey
        self.baseURL = baseURL
        self.authorizationScheme = authorizationScheme
        self.rateLimits = rateLimits
        self.retryPolicy = retryPolicy
        self.bulkInviteChunkSize = bulkInviteChunkSize
        self.emailLookupChunkSize = emailLookupChunkSize
    }

    /// The daily budget among `rateLimits`, if one is set.
    public var dailyLimit: RateLimit? { rateLimits.first { $0.seconds == 86_400 } }

    /// One line with every setting except the key, which shows as redacted.
    public var description: String {
        "MeltingspotConfiguration(baseURL: \(baseURL.absoluteString), secretKey: \(CredentialRedactor.mask), "
            + "authorization: \(authorizationScheme.rawValue), rateLimits: \(rateLimits.map(\.description)), "
            + "maxAttempts: \(retryPolicy.maxAttempts), bulkInviteChunkSize: \(bulkInviteChunkSize))"
    }
}

extension MeltingspotConfiguration {
    /// The variable holding the Spot's secret key (the `roster` tool reads the same).
    public static let secretKeyVariable = "MELTINGSPOT_API_KEY"
    /// The variable that may replace the base URL (a simulator on loopback, say).
    public static let baseURLVariable = "MELTINGSPOT_BASE_URL"

    /// A configuration from `MELTINGSPOT_API_KEY` (required) and `MELTINGSPOT_BASE_URL` (optional),
    /// with the documented defaults for everything else. Throws `invalidArgument` naming a missing or
    /// malformed variable.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> MeltingspotConfiguration
    {
        let provider = MeltingspotEnrollmentMapping.provider
        return MeltingspotConfiguration(
            secretKey: try ConfigurationEnvironment.required(secretKeyVariable, in: environment, provider: provider),
            baseURL: try ConfigurationEnvironment.url(baseURLVariable, in: environment, provider: provider)
                ?? defaultBaseURL)
    }
}
