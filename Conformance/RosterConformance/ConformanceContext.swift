import Foundation
import RosterCore
import RosterHTTP
import Testing

/// What one case run holds: the harness, every subject it made and every error it saw, so that the
/// no-secret check at the end covers the whole case. Used from one task only.
final class ConformanceContext<H: ConformanceHarness> {
    let harness: H
    let caseName: String
    private var subjects: [ConformanceSubject<H.Driver>] = []
    private var errorTexts: [String] = []
    /// Checks made so far, passed or failed (a failure counts as one): a case that made none asserted
    /// nothing, and fails.
    private(set) var checks = 0

    init(harness: H, caseName: String) {
        self.harness = harness
        self.caseName = caseName
    }

    /// A fresh subject for `setup`, remembered for the secret check.
    func subject(_ setup: SubjectSetup) async throws -> ConformanceSubject<H.Driver> {
        let subject = try await harness.makeSubject(setup)
        subjects.append(subject)
        if subject.roster.capabilities != harness.declaredCapabilities {
            fail("the driver declares other capabilities than its harness's declaredCapabilities, which pick the cases")
        }
        return subject
    }

    /// Records a failure of the case, naming the provider and the case.
    func fail(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        checks += 1
        Issue.record("[\(harness.name) · \(caseName)] \(message)", sourceLocation: sourceLocation)
    }

    /// Checks `condition`, failing with `message` when false.
    func check(
        _ condition: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if condition { checks += 1 } else { fail(message(), sourceLocation: sourceLocation) }
    }

    /// Notes an error's texts for the secret check.
    func note(_ error: any Error) {
        errorTexts.append(String(describing: error))
        errorTexts.append(String(reflecting: error))
        if let error = error as? RosterError {
            errorTexts.append(error.message)
            errorTexts.append(error.vendorBody ?? "")
        }
    }

    /// Runs `body`, expecting a `RosterError` with `code`; returns it (nil, with a failure, otherwise).
    @discardableResult
    func expectError<T>(
        _ code: RosterError.Code, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> T
    ) async -> RosterError? {
        do {
            _ = try await body()
            fail("\(what): expected a \(code.rawValue) error, got success", sourceLocation: sourceLocation)
        } catch let error as RosterError {
            note(error)
            check(
                error.code == code, "\(what): expected \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
            return error
        } catch {
            note(error)
            fail(
                "\(what): expected a RosterError \(code.rawValue), got \(type(of: error)): \(error)",
                sourceLocation: sourceLocation)
        }
        return nil
    }

    /// Fails if any secret of any subject appears in a noted error text, an observed log line, or
    /// the description of a subject's facade.
    func checkNoSecretsLeaked() {
        for subject in subjects {
            let secrets = subject.secrets.filter { $0.count >= 4 }
            let texts =
                errorTexts + subject.observedLog()
                + [String(describing: subject.roster), String(reflecting: subject.roster)]
            for secret in secrets {
                for text in texts where text.contains(secret) {
                    fail(
                        "a credential appears in: \(text.replacingOccurrences(of: secret, with: "‹SECRET›").prefix(300))"
                    )
                    return
                }
            }
        }
    }
}

/// A listing run to its end: the records in order and the final report.
struct ListingResult {
    var records: [Enrollment]
    var report: ListingReport
    var ids: [EnrollmentID] { records.map(\.id) }
}

extension Roster {
    /// Every record of `query`, with the report (errors thrown as they come).
    func listAll(_ query: EnrollmentQuery = EnrollmentQuery()) async throws -> ListingResult {
        let listing = enrollments(query)
        var records: [Enrollment] = []
        for try await record in listing { records.append(record) }
        return ListingResult(records: records, report: listing.report)
    }
}

extension ConformanceBackend {
    /// Replaces the fault plan with `plan` whose request numbers count from the next request (so that
    /// requests a harness made while building the subject do not shift them).
    func injectFromNextRequest(_ plan: FaultPlan) {
        let offset = injector.requestCount
        var shifted = plan
        shifted.throttled = Set(plan.throttled.map { $0 + offset })
        shifted.unavailable = Set(plan.unavailable.map { $0 + offset })
        shifted.forcedStatus = Dictionary(uniqueKeysWithValues: plan.forcedStatus.map { ($0.key + offset, $0.value) })
        shifted.malformed = Set(plan.malformed.map { $0 + offset })
        shifted.truncated = Set(plan.truncated.map { $0 + offset })
        shifted.echoHeaders = Set(plan.echoHeaders.map { $0 + offset })
        shifted.refuseRequestsAfter = plan.refuseRequestsAfter.map { $0 + offset }
        injector.setPlan(shifted)
    }
}
