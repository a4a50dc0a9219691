import RosterCore
import RosterHTTP
import Testing

/// The shared conformance suite: one named case per behaviour every provider must show. A provider's
/// test target runs every case that applies to each of its configurations as one parameterized
/// test (so each is reported on its own), and reports the cases that do not apply as skipped, with
/// their reasons, in one more test:
///
/// ```swift
/// static let configurations = [MyHarness(.a), MyHarness(.b)]
/// @Test(arguments: ConformanceRun.applicable(in: configurations))
/// func conformance(_ run: ConformanceRun<MyHarness>) async throws { try await run.run() }
/// @Test func notApplicable() async throws { try await ConformanceCase.reportNotApplicable(in: configurations) }
/// ```
///
/// Cases record failures with Swift Testing (`Issue.record`), so they must run inside a test. A case
/// that asserts nothing fails; a case run where it does not apply fails too.
public enum ConformanceCase: String, CaseIterable, Sendable, CustomStringConvertible {
    /// 0, 1, n−1, n and n+1 records at page sizes 1, 2, 7 and the vendor maximum (n = page size):
    /// every record exactly once, a finished report with no duplicates.
    case completenessSmallSets
    /// 1,000 records at page sizes 1, 2, 7 and the vendor maximum: every record exactly once.
    case completenessThousandRecords
    /// Records inserted and deleted between pages (a bounded burst): every record present for the
    /// whole listing yielded exactly once, inserted and deleted ones at most once, nothing foreign;
    /// the report shows what the repair cost.
    case insertsAndDeletesBetweenPages
    /// The backend serves the previous page again (and, with next links, a link to the page itself):
    /// `inconsistentPaging` in bounded requests.
    case hostileRepeatedCursor
    /// The backend serves an empty page that still points onward: `inconsistentPaging`, or — where an
    /// empty page is the style's end (bare arrays) — an end, repaired by a re-read where the style has one.
    case hostileEmptyPageOnward
    /// The backend serves one record more than asked for: `inconsistentPaging`.
    case hostileOversizedPage
    /// The backend serves a short page whose total points onward: `inconsistentPaging`, or (next
    /// links) a walk repaired to completeness and reported.
    case hostileShortPageWithTotalOnward
    /// The backend serves a short page of only records already served: `inconsistentPaging`.
    case hostileOnlySeenRecords
    /// The backend reports a total that is too low: the listing still completes, and reports the drift.
    case hostileTotalTooLow
    /// The backend serves a keyset page in descending order: `inconsistentPaging`.
    case hostileKeysetOutOfOrder
    /// Every declared server-side filter selects the same records as filtering the full listing with
    /// `EnrollmentQuery.matches`, and the report names it as a server filter.
    case serverFiltersMatchLocalSemantics
    /// Every undeclared filter is applied locally with the same result, and reported as local.
    case undeclaredFiltersAppliedLocally
    /// Every row of the adapter's mapping table, set on a backend record and read through the
    /// adapter (listing and get), gives exactly the row's status and role, keeping the raw value.
    case mappingTableReadsAsDocumented
    /// An undocumented vendor status survives as `.unknown(raw:)` with the raw value.
    case statusUndocumentedValueKept
    /// Writing each writable status round-trips (returned and re-read) and stores the vendor value
    /// the mapping table names for it.
    case statusWritableRoundTrip
    /// Writing a status the vendor cannot express throws `unsupported`, from the facade and from the
    /// driver itself, before any request.
    case statusUnwritableThrowsUnsupported
    /// Getting records by id returns them.
    case getByID
    /// Getting a missing id throws `notFound`.
    case getMissingIDThrowsNotFound
    /// An update returns the new state and a re-read shows it.
    case updatePersists
    /// Declared operations work (courses, enroll, unenroll); undeclared ones throw `unsupported` from
    /// the facade and from the driver itself, before any request.
    case capabilitiesHonoured
    /// A wrong credential → `unauthenticated` on the first `next()`, before any record.
    case wrongCredentialIsUnauthenticated
    /// A credential revoked in the middle of a listing (a 401 for a valid-looking credential) →
    /// `unauthenticated`, in bounded requests, for listings and gets.
    case revokedCredentialIsUnauthenticated
    /// A 403 → `permissionDenied`.
    case forbiddenIsPermissionDenied
    /// A 404 → `notFound`.
    case missingEndpointIsNotFound
    /// A 429 with `Retry-After: <seconds>` is retried after that delay and the listing succeeds.
    case throttledRetryAfterSecondsRetried
    /// A 429 with `Retry-After: <HTTP-date>` is retried after that delay and the listing succeeds.
    case throttledRetryAfterDateRetried
    /// Throttling that outlasts the retries → `rateLimited` carrying the delay.
    case exhaustedRetriesAreRateLimited
    /// A burst of 500s is retried to a complete listing or fails `unavailable` with the status; 500s
    /// without end fail `unavailable` in bounded requests.
    case serverError500
    /// The same for 502.
    case serverError502
    /// The same for 503.
    case serverError503
    /// The same for 504.
    case serverError504
    /// A malformed body → `decoding` naming a JSON path; no crash.
    case malformedBodyIsDecodingError
    /// A truncated body → `decoding` naming a JSON path; no crash.
    case truncatedBodyIsDecodingError
    /// A malformed field deep in a page → `decoding` whose JSON path names the record and the key.
    case malformedFieldNamesRecordAndKey
    /// Cancelling the consumer stops further backend requests and surfaces `CancellationError`.
    case cancellationStopsRequests
    /// Listings (enrollments and courses) send no mutating request.
    case listingsNeverWrite
    /// No credential appears in any error, log line or description, across a run of failures.
    case noSecretsInErrorsOrLogs
    /// A listed person is found, exactly once, by each declared identity kind (facade, driver, batch).
    case learnerLookupFindsEachKind
    /// An identity nobody holds is `.notFound`.
    case learnerLookupUnknownIsNotFound
    /// An e-mail that is no address (or a blank identity) matches nobody and sends no request.
    case learnerLookupImplausibleEmailNeverMatches
    /// Two people sharing an identity make the lookup `.ambiguous`, never a guess.
    case learnerLookupDuplicateIsAmbiguous
    /// Undeclared identity kinds and people operations throw `unsupported`, from the facade and the
    /// driver, before any request.
    case learnerLookupUndeclaredKindThrowsUnsupported
    /// Where creation is declared, a created person is found exactly once by a following lookup.
    case createLearnerIsFoundOnce

    public var description: String { rawValue }

    /// Runs this case against `harness`, recording failures with Swift Testing. Every case also checks
    /// that no credential leaked into the errors and log lines it saw, and fails when it asserted
    /// nothing or does not apply to the harness (see `notApplicableReason(for:)`).
    public func run<H: ConformanceHarness>(_ harness: H) async throws {
        let context = ConformanceContext(harness: harness, caseName: rawValue)
        defer { context.checkNoSecretsLeaked() }
        if let reason = notApplicableReason(for: harness.declaredCapabilities) {
            return context.fail(
                "the case does not apply (\(reason)) yet was run: run only applicable cases and report the rest")
        }
        do {
            try await run(in: context)
        } catch {
            context.note(error)  // an unexpected error ends the case, but is still checked for secrets
            throw error
        }
        if context.checks == 0 { context.fail("the case asserted nothing") }
    }

    private func run<H: ConformanceHarness>(in context: ConformanceContext<H>) async throws {
        switch self {
        case .completenessSmallSets: try await CompletenessCases.smallSets(context)
        case .completenessThousandRecords: try await CompletenessCases.thousandRecords(context)
        case .insertsAndDeletesBetweenPages: try await ChurnCases.insertsAndDeletes(context)
        case .hostileRepeatedCursor: try await HostilePageCases.repeatedCursor(context)
        case .hostileEmptyPageOnward: try await HostilePageCases.run(context, .emptyPageOnward)
        case .hostileOversizedPage: try await HostilePageCases.run(context, .oversizedPage)
        case .hostileShortPageWithTotalOnward: try await HostilePageCases.run(context, .shortPageWithTotalOnward)
        case .hostileOnlySeenRecords: try await HostilePageCases.run(context, .onlySeenRecords)
        case .hostileTotalTooLow: try await HostilePageCases.run(context, .totalTooLow)
        case .hostileKeysetOutOfOrder: try await HostilePageCases.run(context, .descendingOrder)
        case .serverFiltersMatchLocalSemantics: try await FilterCases.run(context, server: true)
        case .undeclaredFiltersAppliedLocally: try await FilterCases.run(context, server: false)
        case .mappingTableReadsAsDocumented: try await MappingTableCases.readsAsDocumented(context)
        case .statusUndocumentedValueKept: try await StatusMappingCases.undocumented(context)
        case .statusWritableRoundTrip: try await StatusMappingCases.writableRoundTrip(context)
        case .statusUnwritableThrowsUnsupported: try await StatusMappingCases.unwritable(context)
        case .getByID: try await RecordAccessCases.getByID(context)
        case .getMissingIDThrowsNotFound: try await RecordAccessCases.missingID(context)
        case .updatePersists: try await RecordAccessCases.updatePersists(context)
        case .capabilitiesHonoured: try await CapabilityCases.honoured(context)
        case .wrongCredentialIsUnauthenticated: try await HTTPFaultCases.wrongCredential(context)
        case .revokedCredentialIsUnauthenticated: try await HTTPFaultCases.revokedCredential(context)
        case .forbiddenIsPermissionDenied: try await HTTPFaultCases.forcedStatus(context, 403, .permissionDenied)
        case .missingEndpointIsNotFound: try await HTTPFaultCases.forcedStatus(context, 404, .notFound)
        case .throttledRetryAfterSecondsRetried:
            try await HTTPFaultCases.throttled(context, .seconds(3), expectedWait: 3)
        case .throttledRetryAfterDateRetried:
            try await HTTPFaultCases.throttled(context, .httpDate(secondsAhead: 5), expectedWait: 5)
        case .exhaustedRetriesAreRateLimited: try await HTTPFaultCases.exhaustedRetries(context)
        case .serverError500: try await HTTPFaultCases.serverError(context, 500)
        case .serverError502: try await HTTPFaultCases.serverError(context, 502)
        case .serverError503: try await HTTPFaultCases.serverError(context, 503)
        case .serverError504: try await HTTPFaultCases.serverError(context, 504)
        case .malformedBodyIsDecodingError: try await HTTPFaultCases.damagedBody(context, malformed: true)
        case .truncatedBodyIsDecodingError: try await HTTPFaultCases.damagedBody(context, malformed: false)
        case .malformedFieldNamesRecordAndKey: try await HTTPFaultCases.malformedField(context)
        case .cancellationStopsRequests: try await SafetyCases.cancellation(context)
        case .listingsNeverWrite: try await SafetyCases.listingsNeverWrite(context)
        case .noSecretsInErrorsOrLogs: try await SafetyCases.noSecrets(context)
        case .learnerLookupFindsEachKind: try await LearnerCases.findsEachKind(context)
        case .learnerLookupUnknownIsNotFound: try await LearnerCases.unknownIsNotFound(context)
        case .learnerLookupImplausibleEmailNeverMatches: try await LearnerCases.implausibleEmailNeverMatches(context)
        case .learnerLookupDuplicateIsAmbiguous: try await LearnerCases.duplicateIsAmbiguous(context)
        case .learnerLookupUndeclaredKindThrowsUnsupported:
            try await LearnerCases.undeclaredKindsThrowUnsupported(context)
        case .createLearnerIsFoundOnce: try await LearnerCases.createdIsFoundOnce(context)
        }
    }
}
