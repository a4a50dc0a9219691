public import RosterCore

/// The error for a request that got no answer, by how far it went. Shared by every part of the HTTP
/// layer that gives up on a request (the URLSession transport, the retry middleware, the run
/// deadline), so that the rule lives in one place:
/// - not sent (refused connection, unknown host, TLS failure): `unavailable`, safe to repeat;
/// - maybe sent, and the method only reads (GET, HEAD): `unavailable` — nothing can have changed;
/// - maybe sent, and the request writes: `outcomeUnknown` — the vendor may or may not have applied
///   it. The retry middleware repeats it only when the request is retryable (idempotent by method,
///   or declared idempotent by definition by its adapter), and reports `outcomeUnknown` when the
///   retries run out without an answer that settles it.
public enum UnansweredRequest {
    /// The error for `request`, which failed for `reason` (a sentence such as "network failure for
    /// POST /x: timed out") after getting as far as `delivery` says.
    public static func error(
        for request: HTTPRequest, delivery: RosterError.Delivery, reason: String
    ) -> RosterError {
        switch delivery {
        case .notSent:
            return RosterError(.unavailable, reason + " (the request was not sent)", delivery: .notSent)
        case .maybeSent where request.method.isSafe:
            return RosterError(.unavailable, reason, delivery: .maybeSent)
        case .maybeSent:
            return RosterError(.outcomeUnknown, reason + unknownOutcome, delivery: .maybeSent)
        }
    }

    /// `error` as it must be seen for `request`: an `unavailable` error that says a write may have
    /// been sent becomes `outcomeUnknown` (for transports that report `delivery` but not the code).
    /// Other errors are returned as they are.
    public static func settle(_ error: RosterError, for request: HTTPRequest) -> RosterError {
        guard error.code == .unavailable, error.delivery == .maybeSent, !request.method.isSafe else { return error }
        var copy = error
        copy.code = .outcomeUnknown
        copy.message += unknownOutcome
        return copy
    }

    /// What an `outcomeUnknown` message adds to the failure it reports.
    static let unknownOutcome = "; the request may have reached the vendor, so it may or may not have been applied"
}
