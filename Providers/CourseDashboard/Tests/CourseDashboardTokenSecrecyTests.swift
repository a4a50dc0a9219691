import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

@Suite("Course Dashboard: tokens from a provider never reach an error")
struct CourseDashboardTokenSecrecyTests {
    /// A vendor that echoes the bearer token back in a 400 body, message and field errors alike.
    static let echoingVendor = InProcessTransport { request in
        let token = request.headers["Authorization"] ?? ""
        let body = #"{"errors":[{"code":"bad","message":"rejected \#(token)","field":"statuses","messages":["echo \#(token)"]}]}"#
        return HTTPResponse(status: 400, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }

    @Test func aMintedTokenEchoedByTheVendorIsRedactedEverywhere() async throws {
        let minted = "minted-jwt-\(UUID().uuidString)"
        let rig = try DashboardRig(token: ClosureCredential { _ in minted }, transport: Self.echoingVendor)
        let error = try #require(await rosterError {
            _ = try await rig.roster.enrollments(EnrollmentQuery(course: "101")).collect(max: 10)
        })
        #expect(error.code == .invalidArgument)
        #expect(!error.description.contains(minted))
        #expect(!(error.vendorBody ?? "").contains(minted))
        #expect(!String(describing: error.fieldErrors).contains(minted))
        #expect(error.fieldErrors.first?.field == "statuses")
    }

    @Test func aStaticTokenEchoedInFieldErrorsIsRedacted() async throws {
        let rig = try DashboardRig(transport: Self.echoingVendor)
        let error = try #require(await rosterError {
            _ = try await rig.roster.enrollments(EnrollmentQuery(course: "101")).collect(max: 10)
        })
        #expect(!error.description.contains(rig.simulator.token))
        #expect(!String(describing: error.fieldErrors).contains(rig.simulator.token))
    }
}
