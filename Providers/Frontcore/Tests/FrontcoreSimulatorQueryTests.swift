import Foundation
import FrontcoreSimulator
import RosterHTTP
import Testing

/// Hostile paging parameters get an answer from the simulator, never a trap: a value that is no
/// integer or a page below 1 is a 400; a page far past the end is an empty page.
@Suite struct FrontcoreSimulatorQueryTests {
    private func status(_ query: String) async throws -> (Int, Data) {
        let simulator = FrontcoreSimulator(seed: 3, participants: 5, courses: 1)
        var request = HTTPRequest(method: .get, url: URL(string: "https://api.frontcore.com/v2/participants?" + query)!)
        request.headers["X-API-Key"] = simulator.apiKey
        let response = await simulator.handle(request)
        return (response.status, response.body)
    }

    @Test(arguments: ["limit=1e30", "page=-1", "page=0", "page=1e300", "since_id=9223372036854775808", "limit=NaN",
                      "page=-9223372036854775808"])
    func badValuesAre400(_ query: String) async throws {
        #expect(try await status(query).0 == 400)
    }

    @Test(arguments: [
        "page=9223372036854775807", "page=9223372036854775807&limit=250", "page=36893488147419103&limit=250",
    ])
    func aPageFarPastTheEndIsEmpty(_ query: String) async throws {
        let (code, body) = try await status(query)
        #expect(code == 200)
        #expect(String(decoding: body, as: UTF8.self) == "[]")
    }
}
