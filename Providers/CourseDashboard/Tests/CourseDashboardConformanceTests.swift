import RosterConformance
import Testing

/// The shared suite against Course Dashboard (driver + simulator), one reported test per case.
@Suite struct CourseDashboardConformanceTests {
    @Test(arguments: ConformanceCase.allCases)
    func conformance(_ c: ConformanceCase) async throws {
        try await c.run(CourseDashboardHarness())
    }
}
