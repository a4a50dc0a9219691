import RosterConformance
import Testing

/// The shared conformance suite against Meltingspot, one reported test per case.
@Suite struct MeltingspotConformanceTests {
    @Test(arguments: ConformanceCase.allCases)
    func conformance(_ conformanceCase: ConformanceCase) async throws {
        try await conformanceCase.run(MeltingspotHarness())
    }
}
