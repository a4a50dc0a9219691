import RosterCore
import RosterHTTP
import Testing

/// The shared conformance suite: one named case per behaviour every provider must show. A provider's
/// test target runs them as one parameterized test, so each case is reported on its own:
///
/// ```swift
/// @Test(arguments: ConformanceCase.allCases)
/// func conformance(_ c: ConformanceCase) async throws { try await c.run(MyHarness()) }
/// ```
///
/// Cases record failures with Swift Testing (`Issue.record`), so they must run inside a test.
public enum ConformanceCase: String, CaseIterable, Sendable, CustomStringConvertible {
    /// 0, 1, n−1, n and n+1 records at page sizes 1, 2, 7 and the vendor maximum (n = page size):
    /// every record exactly once, a finished report with no duplicates.
    case completenessSmallSets
    /// 1,000 records at page sizes 1, 2, 7 and the vendor maximum: every record exactly once.
    case completenessThousandRecords
    /// Records inserted and deleted between pages: none yielded twice, records present throughout
    /// yielded (all of them under keyset paging, all but at most one per deletion otherwise), drift in
    /// the report where the vendor reports totals.
    case insertsAndDeletesBetweenPages
    /// A page that repeats its cursor, link or records ends the listing with `inconsistentPaging`.
    case loopGuardRepeatedCursor
    /// An empty page that still points onward ends with `inconsistentPaging` (a style whose empty page
    /// is its end simply ends); never an endless loop.
    case loopGuardEmptyPageOnward
    /// A page larger than asked for ends with `inconsistentPaging`.
    case loopGuardOversizedPage
    /// Every declared server-side filter selects the same records as filtering the full listing with
    /// `EnrollmentQuery.matches`, and the report names it as a server filter.
    case serverFiltersMatchLocalSemantics
    /// Every undeclared filter is applied locally with the same result, and reported as local.
    case undeclaredFiltersAppliedLocally
    /// Every documented vendor status maps to one known canonical status, keeping the raw code.
    case statusDocumentedValuesMap
    /// An undocumented vendor status survives as `.unknown(raw:)` with the raw value.
    case statusUndocumentedValueKept
    /// Writing each writable status round-trips (returned and re-read).
    case statusWritableRoundTrip
    /// Writing a status the vendor cannot express throws `unsupported`.
    case statusUnwritableThrowsUnsupported
    /// Getting records by id returns them.
    case getByID
    /// Getting a missing id throws `notFound`.
    case getMissingIDThrowsNotFound
    /// An update returns the new state and a re-read shows it.
    case updatePersists
    /// Declared operations work (courses, enroll, unenroll); undeclared ones throw `unsupported`.
    case capabilitiesHonoured
    /// A wrong credential → `unauthenticated` on the first `next()`, before any record.
    case wrongCredentialIsUnauthenticated
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
    /// A burst of 503s is retried and the listing succeeds.
    case unavailableBurstRetried
    /// A malformed body → `decoding` naming a JSON path; no crash.
    case malformedBodyIsDecodingError
    /// A truncated body → `decoding` naming a JSON path; no crash.
    case truncatedBodyIsDecodingError
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
    /// that no credential leaked into the errors and log lines it saw.
    public func run<H: ConformanceHarness>(_ harness: H) async throws {
        let context = ConformanceContext(harness: harness, caseName: rawValue)
        defer { context.checkNoSecretsLeaked() }
        do {
            try await run(in: context)
        } catch {
            context.note(error)  // an unexpected error ends the case, but is still checked for secrets
            throw error
        }
    }

    private func run<H: ConformanceHarness>(in context: ConformanceContext<H>) async throws {
        switch self {
        case .completenessSmallSets: try await CompletenessCases.smallSets(context)
        case .completenessThousandRecords: try await CompletenessCases.thousandRecords(context)
        case .insertsAndDeletesBetweenPages: try await ChurnCases.insertsAndDeletes(context)
        case .loopGuardRepeatedCursor: try await LoopGuardCases.run(context, tamper: .repeatFirstPage)
        case .loopGuardEmptyPageOnward: try await LoopGuardCases.run(context, tamper: .emptyPageOnward)
        case .loopGuardOversizedPage: try await LoopGuardCases.run(context, tamper: .oversizedPage)
        case .serverFiltersMatchLocalSemantics: try await FilterCases.run(context, server: true)
        case .undeclaredFiltersAppliedLocally: try await FilterCases.run(context, server: false)
        case .statusDocumentedValuesMap: try await StatusMappingCases.documented(context)
        case .statusUndocumentedValueKept: try await StatusMappingCases.undocumented(context)
        case .statusWritableRoundTrip: try await StatusMappingCases.writableRoundTrip(context)
        case .statusUnwritableThrowsUnsupported: try await StatusMappingCases.unwritable(context)
        case .getByID: try await RecordAccessCases.getByID(context)
        case .getMissingIDThrowsNotFound: try await RecordAccessCases.missingID(context)
        case .updatePersists: try await RecordAccessCases.updatePersists(context)
        case .capabilitiesHonoured: try await RecordAccessCases.capabilities(context)
        case .wrongCredentialIsUnauthenticated: try await HTTPFaultCases.wrongCredential(context)
        case .forbiddenIsPermissionDenied: try await HTTPFaultCases.forcedStatus(context, 403, .permissionDenied)
        case .missingEndpointIsNotFound: try await HTTPFaultCases.forcedStatus(context, 404, .notFound)
        case .throttledRetryAfterSecondsRetried:
            try await HTTPFaultCases.throttled(context, .seconds(3), expectedWait: 3)
        case .throttledRetryAfterDateRetried:
            try await HTTPFaultCases.throttled(context, .httpDate(secondsAhead: 5), expectedWait: 5)
        case .exhaustedRetriesAreRateLimited: try await HTTPFaultCases.exhaustedRetries(context)
        case .unavailableBurstRetried: try await HTTPFaultCases.unavailableBurst(context)
        case .malformedBodyIsDecodingError: try await HTTPFaultCases.damagedBody(context, malformed: true)
        case .truncatedBodyIsDecodingError: try await HTTPFaultCases.damagedBody(context, malformed: false)
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
