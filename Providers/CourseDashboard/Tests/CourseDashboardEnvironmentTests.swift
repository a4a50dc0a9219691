import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// Configuration from the environment and token minting through an injected signer.
@Suite struct CourseDashboardEnvironmentTests {
    /// Records what it was asked to sign and answers a fixed signature.
    final class RecordingSigner: CourseDashboardTokenSigner, @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [(message: Data, key: Data)] = []
        var signed: [(message: Data, key: Data)] { lock.withLock { calls } }
        func hmacSHA256(_ message: Data, key: Data) -> Data {
            lock.withLock { calls.append((message, key)) }
            return Data([0xFB, 0xFF, 0xFE])
        }
    }

    @Test func theMinterSignsHeaderAndClaimsWithTheSecretAndEncodesBase64URL() throws {
        let signer = RecordingSigner()
        let minter = CourseDashboardTokenMinter(secret: "sekret", userID: 42, signer: signer, lifetime: 60)
        let token = try minter.mint(now: Date(timeIntervalSince1970: 1_000), jti: "a\"b")
        let parts = token.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        #expect(parts[2] == "-__-", "base64url of FB FF FE without padding")
        let call = try #require(signer.signed.first)
        #expect(call.key == Data("sekret".utf8))
        #expect(String(decoding: call.message, as: UTF8.self) == parts[0] + "." + parts[1])
        var payload = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        let json = try #require(Data(base64Encoded: payload))
        let claims = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(claims["user_id"] as? Int == 42)
        #expect(claims["token_type"] as? String == "access")
        #expect(claims["jti"] as? String == "a\"b")
        #expect(claims["iat"] as? Int == 1_000)
        #expect(claims["exp"] as? Int == 1_060)
        #expect(!minter.description.contains("sekret"))
    }

    @Test func aStaticTokenWinsOverAJWTSecret() async throws {
        let configuration = try CourseDashboardConfiguration.fromEnvironment([
            "COURSE_DASHBOARD_BASE_URL": "https://community.example/api/v2", "COURSE_DASHBOARD_TOKEN": "tok-1",
            "COURSE_DASHBOARD_JWT_SECRET": "ignored",
        ])
        #expect(configuration.baseURL.absoluteString == "https://community.example")
        #expect(try await configuration.token.credential(refresh: false) == "tok-1")
    }

    @Test func aJWTSecretMintsAFreshTokenPerRequest() async throws {
        let signer = RecordingSigner()
        let configuration = try CourseDashboardConfiguration.fromEnvironment(
            [
                "COURSE_DASHBOARD_BASE_URL": "https://community.example", "COURSE_DASHBOARD_JWT_SECRET": "s",
                "COURSE_DASHBOARD_USER_ID": "9",
            ], signer: signer)
        let first = try await configuration.token.credential(refresh: false)
        let second = try await configuration.token.credential(refresh: false)
        #expect(first != second, "each request gets its own jti")
        #expect(signer.signed.count == 2)
    }

    @Test(arguments: [
        ([:], "COURSE_DASHBOARD_BASE_URL"),
        (["COURSE_DASHBOARD_BASE_URL": "community.example"], "COURSE_DASHBOARD_BASE_URL"),
        (["COURSE_DASHBOARD_BASE_URL": "https://c.example"], "COURSE_DASHBOARD_TOKEN"),
        (["COURSE_DASHBOARD_BASE_URL": "https://c.example", "COURSE_DASHBOARD_JWT_SECRET": "s"], "COURSE_DASHBOARD_USER_ID"),
        (["COURSE_DASHBOARD_BASE_URL": "https://c.example", "COURSE_DASHBOARD_JWT_SECRET": "s",
          "COURSE_DASHBOARD_USER_ID": "x"], "COURSE_DASHBOARD_USER_ID"),
        (["COURSE_DASHBOARD_BASE_URL": "https://c.example", "COURSE_DASHBOARD_JWT_SECRET": "s",
          "COURSE_DASHBOARD_USER_ID": "3"], "signer"),
    ])
    func aMissingOrBadVariableIsNamed(_ environment: [String: String], _ named: String) {
        do {
            _ = try CourseDashboardConfiguration.fromEnvironment(environment)
            Issue.record("no error for \(environment)")
        } catch let error as RosterError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains(named), "\(error.message)")
            #expect(!error.description.contains("\"s\""))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
