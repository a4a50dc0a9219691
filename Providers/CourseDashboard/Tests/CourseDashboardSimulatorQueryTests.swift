import CourseDashboardSimulator
import Foundation
import RosterHTTP
import Testing

/// Hostile paging parameters get an answer from the simulator, never a trap: a value that is no
/// integer or out of range is a 400; an offset far past the end is an empty page with no next link.
@Suite struct CourseDashboardSimulatorQueryTests {
    private func get(_ query: String) async throws -> (Int, [String: Any]) {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 3)
        return try await simulator.getObject("https://community.example/api/v2/course/101/users/?" + query)
    }

    @Test(arguments: ["limit=1e30", "offset=-1", "limit=0", "offset=9223372036854775808", "limit=-9223372036854775809",
                      "offset=1e300"])
    func badValuesAre400(_ query: String) async throws {
        #expect(try await get(query).0 == 400)
    }

    @Test(arguments: [
        "offset=9223372036854775807", "offset=9223372036854775807&limit=100", "offset=9223372036854775700&limit=100",
    ])
    func anOffsetFarPastTheEndIsEmpty(_ query: String) async throws {
        let (code, object) = try await get(query)
        #expect(code == 200)
        #expect((object["results"] as? [Any])?.isEmpty == true)
        #expect(object["next"] is NSNull)
    }
}
