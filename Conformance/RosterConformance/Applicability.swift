public import RosterCore
public import Testing

extension ConformanceCase {
    /// Why this case cannot apply to a provider declaring `caps` (nil when it applies). A case that
    /// does not apply is reported as skipped with this reason, never run and counted as passed.
    public func notApplicableReason(for caps: DriverCapabilities) -> String? {
        let style = caps.enrollmentPaging
        switch self {
        case .statusWritableRoundTrip:
            if !caps.supports(.updateEnrollment) { return "it declares no update" }
            return caps.writableStatuses.isEmpty ? "it declares no writable status" : nil
        case .updatePersists:
            if !caps.supports(.updateEnrollment) { return "it declares no update" }
            return caps.writableStatuses.isEmpty ? "it declares no writable status to update" : nil
        case .getByID, .getMissingIDThrowsNotFound:
            return caps.supports(.getEnrollment) ? nil : "it declares no get by id"
        case .serverFiltersMatchLocalSemantics:
            return FilterCases.serverSide(caps).isEmpty ? "it declares no server-side filter" : nil
        case .undeclaredFiltersAppliedLocally:
            let local = Set(EnrollmentFilter.allCases).subtracting(FilterCases.serverSide(caps))
            return local.isEmpty ? "its server applies every filter" : nil
        case .learnerLookupFindsEachKind, .learnerLookupUnknownIsNotFound, .learnerLookupDuplicateIsAmbiguous:
            return caps.supports(.findLearners) ? nil : "it declares no learner lookup"
        case .createLearnerIsFoundOnce:
            return caps.supports(.createLearner) ? nil : "it declares no person creation"
        case .hostileShortPageWithTotalOnward, .hostileTotalTooLow:
            switch style {
            case .pageNumber, .keyset: return "its listing pages carry no total (\(style))"
            case .pageNumberWithTotal, .nextLink: return nil
            }
        case .hostileKeysetOutOfOrder:
            return style == .keyset ? nil : "it does not page by key (\(style))"
        default:
            return nil
        }
    }

    /// The cases that apply to a provider declaring `caps`, in suite order.
    public static func applicable(to caps: DriverCapabilities) -> [ConformanceCase] {
        allCases.filter { $0.notApplicableReason(for: caps) == nil }
    }

    /// The cases that do not apply to a provider declaring `caps`, each with its reason.
    public static func notApplicable(to caps: DriverCapabilities) -> [(ConformanceCase, String)] {
        allCases.compactMap { c in c.notApplicableReason(for: caps).map { (c, $0) } }
    }

    /// For a provider's `notApplicable` test: checks that each configuration's driver really declares
    /// what its harness says (the cases were chosen from that), then marks the test skipped
    /// (`Test.cancel`) with every case that does not apply and why, so the output shows them. Returns
    /// normally when every case applies to every configuration.
    public static func reportNotApplicable<H: ConformanceHarness>(
        in configurations: [H], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        var lines: [String] = []
        for harness in configurations {
            let subject = try await harness.makeSubject(SubjectSetup(enrollmentsPerCourse: 1))
            #expect(
                subject.roster.capabilities == harness.declaredCapabilities,
                "\(harness.name): the driver declares other capabilities than the harness says",
                sourceLocation: sourceLocation)
            lines += notApplicable(to: harness.declaredCapabilities).map { "\(harness.name) · \($0): \($1)" }
        }
        guard !lines.isEmpty else { return }
        try Test.cancel(
            Comment(rawValue: "\(lines.count) case(s) do not apply, skipped:\n" + lines.joined(separator: "\n")),
            sourceLocation: sourceLocation)
    }
}

/// One case against one configuration of a provider: the argument of a provider's parameterized
/// conformance test, named `<configuration> · <case>` in the test output.
public struct ConformanceRun<H: ConformanceHarness>: Sendable, CustomStringConvertible, CustomTestStringConvertible {
    /// The configuration.
    public let harness: H
    /// The case.
    public let conformanceCase: ConformanceCase

    /// Runs the case against the configuration.
    public func run() async throws { try await conformanceCase.run(harness) }

    public var description: String { "\(harness.name) · \(conformanceCase)" }
    public var testDescription: String { description }

    /// Every case that applies to each configuration, configuration by configuration.
    public static func applicable(in configurations: [H]) -> [ConformanceRun<H>] {
        configurations.flatMap { harness in
            ConformanceCase.applicable(to: harness.declaredCapabilities).map {
                ConformanceRun(harness: harness, conformanceCase: $0)
            }
        }
    }
}
