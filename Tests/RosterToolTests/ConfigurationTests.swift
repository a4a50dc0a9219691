#if CLI
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

@testable import RosterCLI

/// Credentials, base URLs, JWT minting and fault specs: the contract checked without a server.
struct ConfigurationTests {
    @Test func theMintedJWTMatchesAnIndependentHS256Signature() throws {
        // Expected value computed with Python's hmac/hashlib from the same header, claims and secret.
        let minter = CourseDashboardTokenMinter(secret: "top-secret-value", userID: 7, signer: CryptoTokenSigner())
        let token = try minter.mint(now: Date(timeIntervalSince1970: 1_800_000_000), jti: "abc")
        #expect(
            token == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                + "eyJ1c2VyX2lkIjo3LCJ0b2tlbl90eXBlIjoiYWNjZXNzIiwianRpIjoiYWJjIiwiaWF0IjoxODAwMDAwMDAwLCJleHAiOjE4MDAwMDAzMDB9."
                + "ifP1ITzxY-IYdyJbRQXurhAUHv-AWqEkGsGbxEOqOPg")
        #expect(!minter.description.contains("top-secret-value"))
    }

    @Test func rateLimitReplacesTheDocumentedBudgetOfEveryVendor() throws {
        #expect(try ConnectionOptions.rateLimit("20/1") == RateLimit(requests: 20, per: 1))
        #expect(try ConnectionOptions.rateLimit("100/10") == RateLimit(requests: 100, per: 10))
        for bad in ["", "20", "0/1", "-5/1", "20/0", "20/1e999", "20/nan", "1e30/1", "20/1/2", "x/1", "2000000/1"] {
            #expect(throws: ToolFailure.self, "\(bad)") { try ConnectionOptions.rateLimit(bad) }
        }
        let environment = [
            "FRONTCORE_API_KEY": "fc-test-key", "MELTINGSPOT_API_KEY": "msk_test_key",
            "COURSE_DASHBOARD_BASE_URL": "https://community.example", "COURSE_DASHBOARD_TOKEN": "cd-test-token",
        ]
        let limit = RateLimit(requests: 1_000, per: 1)
        for provider in ["frontcore", "meltingspot", "course-dashboard"] {
            let documented = try ConnectionOptions.roster(
                provider: provider, baseURL: nil, retries: 0, verbose: false, environment: environment)
            let raised = try ConnectionOptions.roster(
                provider: provider, baseURL: nil, retries: 0, verbose: false, environment: environment, rateLimit: limit)
            #expect(!documented.capabilities.rateLimits.contains(limit), "\(provider)")
            #expect(raised.capabilities.rateLimits == [limit], "\(provider): \(raised.capabilities.rateLimits)")
        }
    }

    @Test func aJWTSecretWithoutAUserIDNamesTheMissingVariable() async throws {
        let base = ["COURSE_DASHBOARD_BASE_URL": "https://community.example", "COURSE_DASHBOARD_JWT_SECRET": "s3cret-value"]
        for extra in [[:], ["COURSE_DASHBOARD_USER_ID": "abc"]] {
            let result = try await ToolProcess.run(
                ["list", "--provider", "course-dashboard", "--course", "1"], environment: base.merging(extra) { $1 })
            #expect(result.status == 2)
            #expect(result.stderr.contains("COURSE_DASHBOARD_USER_ID"), "\(result.stderr)")
            #expect(!result.stderr.contains("s3cret-value"))
        }
    }

    @Test(arguments: [
        ("frontcore", "FRONTCORE_API_KEY"), ("meltingspot", "MELTINGSPOT_API_KEY"),
        ("course-dashboard", "COURSE_DASHBOARD_TOKEN"),
    ])
    func aMissingCredentialIsOneLineNamingTheVariable(_ provider: String, _ variable: String) async throws {
        let env = provider == "course-dashboard" ? ["COURSE_DASHBOARD_BASE_URL": "https://community.example"] : [:]
        let result = try await ToolProcess.run(["list", "--provider", provider], environment: env)
        #expect(result.status == 2)
        #expect(result.stderr.contains(variable))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func plainHTTPIsRefusedForANonLoopbackHost() async throws {
        let result = try await ToolProcess.run(
            ["list", "--provider", "frontcore", "--base-url", "http://api.frontcore.com/v2"],
            environment: ["FRONTCORE_API_KEY": "fc_not_a_real_key_123"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("loopback"))
        #expect(!result.stderr.contains("fc_not_a_real_key_123"))
    }

    @Test func aBadStatusOrUnknownProviderIsAUsageError() async throws {
        let status = try await ToolProcess.run(["list", "--provider", "in-memory", "--status", "done"])
        #expect(status.status == 2)
        #expect(status.stderr.contains("done"))
        let provider = try await ToolProcess.run(["list", "--provider", "moodle"])
        #expect(provider.status == 2)
        let missing = try await ToolProcess.run(["list"])
        #expect(missing.status == 2)
    }

    @Test func faultSpecsFillThePlan() throws {
        let plan = try FaultSpec.parse("throttle=0.3,retry-after=0,unavailable=3-5,latency=0.01,seed=9")
        #expect(plan.randomThrottleRate == 0.3)
        #expect(plan.retryAfter == .seconds(0))
        #expect(plan.unavailable == [3, 4, 5])
        #expect(plan.latencySeconds == 0.01)
        #expect(plan.seed == 9)
        #expect(throws: ToolFailure.self) { try FaultSpec.parse("throttle=2") }
        #expect(throws: ToolFailure.self) { try FaultSpec.parse("explode=1") }
    }

    @Test func demoPrintsEveryProviderAndTheSummaryOffline() async throws {
        let result = try await ToolProcess.run(["demo"])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["frontcore", "meltingspot", "course-dashboard", "in-memory"] {
            #expect(result.lines.contains { $0.hasPrefix(name + " — ") }, "\(name) missing from the demo")
        }
        #expect(result.lines.contains { $0.hasPrefix("status") && $0.contains("frontcore") })
        #expect(result.lines.contains { $0.hasPrefix("total") })
    }

    @Test func providersListsTheCapabilityMatrix() async throws {
        let result = try await ToolProcess.run(["providers", "--format", "json"])
        #expect(result.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(
            rows.compactMap { $0["provider"] as? String } == [
                "frontcore", "meltingspot", "course-dashboard", "in-memory",
            ])
        #expect(rows.allSatisfy { ($0["operations"] as? [String])?.contains("listEnrollments") == true })
        let lookups = Dictionary(
            uniqueKeysWithValues: rows.map { ($0["provider"] as? String ?? "", $0["learnerLookups"] as? [String]) })
        #expect(lookups["frontcore"] == ["email", "externalID", "username"])
        #expect(lookups["meltingspot"] == ["email"])
        #expect(lookups["course-dashboard"] == ["externalID", "username"])
        #expect(lookups["in-memory"] == ["email", "externalID", "username"])
    }

    @Test(arguments: ["providers", "courses", "list", "get", "update", "enroll", "unenroll", "export", "serve", "demo"])
    func everySubcommandsHelpShowsAnExample(_ subcommand: String) async throws {
        let result = try await ToolProcess.run([subcommand, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example"))
        #expect(result.stdout.contains("roster \(subcommand)") || subcommand == "demo")
    }

    @Test func inMemoryListingNeedsNoCredential() async throws {
        let result = try await ToolProcess.run(["list", "--provider", "in-memory", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.count == 36)
    }
}
#endif
