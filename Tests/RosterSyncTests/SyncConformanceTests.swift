import RosterConformance
import Testing

/// The sync section of the conformance suite, for every ordered pair of providers: the three vendor
/// simulators and the in-memory provider, each as source and as target.
@Suite struct SyncConformanceTests {
    static let harnesses: [any SyncHarness] = [
        FrontcoreSyncHarness(), MeltingspotSyncHarness(), CourseDashboardSyncHarness(), InMemorySyncHarness(),
    ]

    /// Every ordered pair of two different providers, named `source→target`.
    static let pairs: [String] = harnesses.flatMap { source in
        harnesses.filter { $0.name != source.name }.map { "\(source.name)→\($0.name)" }
    }

    @Test(arguments: pairs, SyncConformanceCase.allCases)
    func sync(_ pair: String, _ syncCase: SyncConformanceCase) async throws {
        let names = pair.split(separator: "→").map(String.init)
        let source = try #require(Self.harnesses.first { $0.name == names[0] })
        let target = try #require(Self.harnesses.first { $0.name == names[1] })
        try await syncCase.run(source: source, target: target)
    }
}
