import RosterConformance
import Testing

/// The shared suite against Frontcore (driver + simulator), one reported test per case.
@Suite struct FrontcoreConformanceTests {
    @Test(arguments: ConformanceCase.allCases)
    func conformance(_ c: ConformanceCase) async throws {
        try await c.run(FrontcoreHarness())
    }
}
