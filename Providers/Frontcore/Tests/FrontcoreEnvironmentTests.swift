import Foundation
import RosterCore
import RosterFrontcore
import Testing

/// `FrontcoreConfiguration.fromEnvironment` reads the tool's variable names.
@Suite struct FrontcoreEnvironmentTests {
    @Test func theKeyIsRequiredAndTheBaseURLOptional() throws {
        let plain = try FrontcoreConfiguration.fromEnvironment(["FRONTCORE_API_KEY": "fc_1"])
        #expect(plain.apiKey == "fc_1")
        #expect(plain.baseURL == FrontcoreConfiguration.defaultBaseURL)
        let local = try FrontcoreConfiguration.fromEnvironment(
            ["FRONTCORE_API_KEY": "fc_1", "FRONTCORE_BASE_URL": "http://127.0.0.1:8700/v2"])
        #expect(local.baseURL.absoluteString == "http://127.0.0.1:8700/v2")
        #expect(throws: RosterError.self) { try FrontcoreConfiguration.fromEnvironment(["FRONTCORE_API_KEY": ""]) }
        #expect(throws: RosterError.self) {
            try FrontcoreConfiguration.fromEnvironment(["FRONTCORE_API_KEY": "k", "FRONTCORE_BASE_URL": "not a url"])
        }
    }
}
