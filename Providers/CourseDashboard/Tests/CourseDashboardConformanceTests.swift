import RosterConformance
import Testing

/// The shared suite against Course Dashboard (driver + simulator) with a fixed token and with minted
/// tokens, one reported test per configuration and case; the cases that do not apply are shown as
/// skipped, with their reasons.
@Suite struct CourseDashboardConformanceTests {
    @Test(arguments: ConformanceRun.applicable(in: CourseDashboardHarness.configurations))
    func conformance(_ run: ConformanceRun<CourseDashboardHarness>) async throws {
        try await run.run()
    }

    @Test func notApplicable() async throws {
        try await ConformanceCase.reportNotApplicable(in: CourseDashboardHarness.configurations)
    }
}
