public import Foundation
public import RosterCore
public import RosterHTTP

/// How to reach one Frontcore account. The API key is account-wide (Settings → API), so it is treated
/// like a password: `description` never shows it.
public struct FrontcoreConfiguration: Sendable, CustomStringConvertible {
    /// The account's API key, sent as `X-API-Key`.
    public var apiKey: String
    /// The API root; `https://api.frontcore.com/v2` unless overridden (http only on loopback).
    public var baseURL: URL
    /// The zone the account's offset-less times are in, and in which the date filters
    /// (`updated_at_min` …, local `yyyy-mm-dd hh:mm:ss`) are written.
    public var accountTimeZone: TimeZone
    /// The client-side request budget, shared by every driver using the same key (vendor: 5 per second).
    public var rateLimit: RateLimit
    /// When to retry (429, 502–504 and transport failures by default; PUT is idempotent). Its
    /// `retryNonIdempotent` is ignored: a booking (`POST /booking`) is never repeated.
    public var retry: RetryPolicy
    /// How listings page; keyset (`since_id`) unless the account's server does not order by id.
    public var paging: FrontcorePagingMode
    /// Sends `include[]=attendance` on participant requests. The attendance's shape is undocumented:
    /// it is kept as the JSON the vendor sent, on `Enrollment.attendance`.
    public var includeAttendance: Bool
    /// Enrolling through orders, off by default (nil: `enroll` is `unsupported`). When set, `enroll`
    /// books the person onto a course date with `POST /booking`, which CREATES AN ORDER in the
    /// account and, with the `invoice` payment method, may send the person AN INVOICE. A booking is
    /// never repeated by Roster (not even on a 5xx or a timeout: the order may already exist, so the
    /// outcome is reported unknown). See `FrontcoreBookingOptions`.
    public var booking: FrontcoreBookingOptions?

    /// The documented API root.
    public static let defaultBaseURL = URL(string: "https://api.frontcore.com/v2")!

    /// Creates a configuration with the vendor's documented defaults.
    public init(
        apiKey: String, baseURL: URL = FrontcoreConfiguration.defaultBaseURL,
        accountTimeZone: TimeZone = TimeZone(identifier: "Europe/Oslo")!,
        rateLimit: RateLimit = RateLimit(requests: 5, per: 1), retry: RetryPolicy = RetryPolicy(),
        paging: FrontcorePagingMode = .keyset, includeAttendance: Bool = false,
        booking: FrontcoreBookingOptions? = nil
    ) {
        self.booking = booking
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.accountTimeZone = accountTimeZone
        self.rateLimit = rateLimit
        self.retry = retry
        self.paging = paging
        self.includeAttendance = includeAttendance
    }

    /// Every setting except the key, which shows as `‹redacted›`.
    public var description: String {
        "FrontcoreConfiguration(apiKey: \(CredentialRedactor.mask), baseURL: \(baseURL.absoluteString), "
            + "accountTimeZone: \(accountTimeZone.identifier), rateLimit: \(rateLimit), paging: \(paging), "
            + "booking: \(booking.map { "orders paid by \($0.paymentMethod)" } ?? "off"))"
    }
}

extension FrontcoreConfiguration {
    /// The variable holding the API key (the `roster` tool reads the same).
    public static let apiKeyVariable = "FRONTCORE_API_KEY"
    /// The variable that may replace the base URL (a simulator on loopback, say).
    public static let baseURLVariable = "FRONTCORE_BASE_URL"

    /// A configuration from `FRONTCORE_API_KEY` (required) and `FRONTCORE_BASE_URL` (optional), with
    /// the documented defaults for everything else. Throws `invalidArgument` naming a missing or
    /// malformed variable.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> FrontcoreConfiguration
    {
        let provider = FrontcoreParticipantMapping.provider
        return FrontcoreConfiguration(
            apiKey: try ConfigurationEnvironment.required(apiKeyVariable, in: environment, provider: provider),
            baseURL: try ConfigurationEnvironment.url(baseURLVariable, in: environment, provider: provider)
                ?? defaultBaseURL)
    }
}
