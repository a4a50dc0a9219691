import Foundation
import RosterCore
import RosterHTTP
import RosterInMemory
import Testing

/// The in-memory provider's ids are checked path segments.
@Suite struct InMemoryPreviewTests {
    @Test(arguments: ["..", ".", "%2e%2E"])
    func aDotSegmentIdIsRefused(_ id: String) async throws {
        let provider = InMemoryProvider(seed: 4, courses: 1, enrollmentsPerCourse: 2)
        let read = await #expect(throws: RosterError.self) {
            _ = try await provider.roster.enrollment(EnrollmentID(id))
        }
        let removal = await #expect(throws: RosterError.self) { try await provider.roster.unenroll(EnrollmentID(id)) }
        #expect(read?.code == .invalidArgument && removal?.code == .invalidArgument)
    }
}
