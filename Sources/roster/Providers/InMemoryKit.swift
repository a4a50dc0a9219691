#if CLI
import Foundation
import RosterCore
import RosterHTTP
import RosterInMemory

extension ProviderKit {
    /// The in-memory provider: seeded data inside the process, no credential and no network. Each run
    /// starts from the same data, so writes do not persist between runs.
    static let inMemory = ProviderKit(
        name: "in-memory", title: "In-memory provider (seeded, no network)",
        baseURLVariable: nil, defaultBaseURL: InMemoryAPI.defaultBaseURL,
        credentialVariables: [],
        makeDriver: { connection in
            InMemoryProvider(seed: 1, courses: 3, enrollmentsPerCourse: 12, retry: connection.retry).roster.driver
        },
        makeSimulator: nil)
}
#endif
