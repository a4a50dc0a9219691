import Foundation
import MeltingspotSimulator
import RosterHTTP
import Testing

/// Hostile paging parameters get an answer from the simulator, never a trap: a value that is no
/// integer or out of range is a 400; a page far past the end is an empty page.
@Suite struct MeltingspotSimulatorQueryTests {
    private func get(_ query: String) async throws -> (Int, [String: Any]) {
        let simulator = MeltingspotSimulator(seed: 3, courses: 1, participantsPerCourse: 2)
        let response = await simulator.handle(
            HTTPRequest(
                method: .get, url: URL(string: "https://openapi.meltingspot.io/v1/courses?" + query)!,
                headers: ["Authorization": simulator.secretKey]))
        return (response.status, (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:])
    }

    @Test(arguments: ["limit=1e30", "page=-1", "page=0", "page=1e300", "limit=9223372036854775808", "page=NaN"])
    func badValuesAre400(_ query: String) async throws {
        #expect(try await get(query).0 == 400)
    }

    @Test(arguments: [
        "page=9223372036854775807", "page=9223372036854775807&limit=100", "page=92233720368547759&limit=100",
    ])
    func aPageFarPastTheEndIsEmpty(_ query: String) async throws {
        let (code, object) = try await get(query)
        #expect(code == 200)
        #expect((object["items"] as? [Any])?.isEmpty == true)
        #expect(object["total"] as? Int == 1)
    }
}
