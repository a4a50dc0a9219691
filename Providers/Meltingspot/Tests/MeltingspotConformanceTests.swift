import RosterConformance
import Testing

/// The shared suite against Meltingspot (driver + simulator) with both forms of the key, one reported
/// test per configuration and case; the cases that do not apply are shown as skipped, with their reasons.
@Suite struct MeltingspotConformanceTests {
    @Test(arguments: ConformanceRun.applicable(in: MeltingspotHarness.configurations))
    func conformance(_ run: ConformanceRun<MeltingspotHarness>) async throws {
        try await run.run()
    }

    @Test func notApplicable() async throws {
        try await ConformanceCase.reportNotApplicable(in: MeltingspotHarness.configurations)
    }
}
