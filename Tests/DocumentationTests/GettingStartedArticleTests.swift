import CourseDashboardSimulator
import Foundation
import FrontcoreSimulator
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterCourseDashboard
import RosterFrontcore
import RosterMeltingspot
import Testing

/// A stand-in HMAC signer: the article's point is where the signer goes, not the cryptography (the
/// `roster` tool's swift-crypto signer is checked against an independent HMAC in its own tests).
struct ExampleSigner: CourseDashboardTokenSigner {
    func hmacSHA256(_ message: Data, key: Data) -> Data { Data(repeating: 7, count: 32) }
}

/// The code of the article "Getting started", run.
@Suite struct GettingStartedArticleTests {
    @Test func oneProviderThenThree() async throws {
        let simulator = FrontcoreSimulator(seed: 1, participants: 40)
        let frontcore = Roster(driver: try FrontcoreDriver(
            configuration: FrontcoreConfiguration(apiKey: simulator.apiKey), transport: simulator.transport))

        let listing = frontcore.enrollments(EnrollmentQuery(statuses: [.enrolled]))
        for try await enrollment in listing {
            print(enrollment.learner.displayName ?? "-", enrollment.course.title ?? "-", enrollment.status)
        }
        print(listing.report.records, "records on", listing.report.pages, "pages")
        #expect(listing.report.finished)
        #expect(listing.report.localFilters == [.status])

        let meltingspot = MeltingspotSimulator(seed: 1, courses: 2, participantsPerCourse: 10)
        let dashboard = CourseDashboardSimulator(seed: 1, courses: 2, learnersPerCourse: 10)
        let rosters: [Roster<AnyRosterDriver>] = [
            Roster(driver: AnyRosterDriver(frontcore.driver)),
            Roster(driver: AnyRosterDriver(try MeltingspotDriver(
                configuration: MeltingspotConfiguration(secretKey: meltingspot.secretKey),
                transport: meltingspot.transport))),
            Roster(driver: AnyRosterDriver(try CourseDashboardDriver(
                configuration: CourseDashboardConfiguration(
                    baseURL: CourseDashboardSimulator.defaultBaseURL, token: dashboard.token),
                transport: dashboard.transport))),
        ]
        var completed: [ProviderID: Int] = [:]
        for roster in rosters {
            for try await enrollment in roster.enrollments(EnrollmentQuery(statuses: [.completed])) {
                completed[enrollment.provider, default: 0] += 1
            }
        }
        #expect(Set(completed.keys).isSubset(of: ["frontcore", "meltingspot", "course-dashboard"]))
        #expect(completed.values.reduce(0, +) > 0)
    }

    @Test func configurationFromTheEnvironmentMintsATokenPerRequest() async throws {
        let environment = [
            "COURSE_DASHBOARD_BASE_URL": "https://community.example",
            "COURSE_DASHBOARD_JWT_SECRET": "the community's secret",
            "COURSE_DASHBOARD_USER_ID": "1",
        ]
        let configuration = try CourseDashboardConfiguration.fromEnvironment(environment, signer: ExampleSigner())
        #expect(configuration.baseURL.absoluteString == "https://community.example")
        #expect(configuration.token.canRefresh)
        let token = try await configuration.token.credential(refresh: false)
        #expect(token.split(separator: ".").count == 3)
        #expect(!configuration.description.contains("community's secret"))
    }

    @Test func changingARecord() async throws {
        let simulator = FrontcoreSimulator(seed: 1, participants: 40)
        let frontcore = Roster(driver: try FrontcoreDriver(
            configuration: FrontcoreConfiguration(apiKey: simulator.apiKey), transport: simulator.transport))
        let enrolled = try await frontcore.enrollments(EnrollmentQuery(statuses: [.enrolled])).collect(max: 1_000)
        let cancelled = try await frontcore.update(enrolled[0].id, with: EnrollmentUpdate(status: .cancelled))
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.id == enrolled[0].id)
    }
}
