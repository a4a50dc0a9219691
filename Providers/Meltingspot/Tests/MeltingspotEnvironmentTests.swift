import Foundation
import RosterCore
import RosterMeltingspot
import Testing

/// `MeltingspotConfiguration.fromEnvironment` reads the tool's variable names.
@Suite struct MeltingspotEnvironmentTests {
    @Test func theKeyIsRequiredAndTheBaseURLOptional() throws {
        let plain = try MeltingspotConfiguration.fromEnvironment(["MELTINGSPOT_API_KEY": "msk_1"])
        #expect(plain.secretKey == "msk_1")
        #expect(plain.baseURL == MeltingspotConfiguration.defaultBaseURL)
        do {
            _ = try MeltingspotConfiguration.fromEnvironment([:])
            Issue.record("no error without a key")
        } catch let error as RosterError {
            #expect(error.message.contains("MELTINGSPOT_API_KEY"))
        }
    }
}
