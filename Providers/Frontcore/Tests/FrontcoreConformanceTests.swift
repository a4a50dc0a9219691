import RosterConformance
import Testing

/// The shared suite against Frontcore (driver + simulator) in both paging modes, one reported test per
/// configuration and case; the cases that do not apply are shown as skipped, with their reasons.
@Suite struct FrontcoreConformanceTests {
    @Test(arguments: ConformanceRun.applicable(in: FrontcoreHarness.configurations))
    func conformance(_ run: ConformanceRun<FrontcoreHarness>) async throws {
        try await run.run()
    }

    @Test func notApplicable() async throws {
        try await ConformanceCase.reportNotApplicable(in: FrontcoreHarness.configurations)
    }
}
