import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// Documented status codes, the Authorization scheme, and keeping the key secret.
@Suite struct ErrorAndAuthTests {
    static let statuses: [(status: Int, code: RosterError.Code)] = [
        (400, .invalidArgument), (401, .unauthenticated), (403, .permissionDenied), (404, .notFound),
        (413, .invalidArgument), (429, .rateLimited), (503, .unavailable),
    ]

    @Test(arguments: statuses)
    func documentedStatusesMapToPortableCodes(_ status: Int, _ code: RosterError.Code) async throws {
        let (driver, _) = try TestSupport.scripted { _ in
            TestSupport.json(#"{"statusCode":\#(status),"message":"Course not found"}"#, status: status)
        }
        let error = try await #require(throws: RosterError.self) {
            try await driver.enrollment(EnrollmentID("p"), course: CourseID("c"))
        }
        #expect(error.code == code)
        #expect(error.httpStatus == status)
        #expect(error.message.contains("Course not found"))
    }

    @Test func missingParticipantIsNotFound() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 1)
        let course = CourseID(try #require(simulator.courseIDs().first))
        let error = try await #require(throws: RosterError.self) {
            try await Roster(driver: driver).enrollment(EnrollmentID("absent"), course: course)
        }
        #expect(error.code == .notFound)
        #expect(error.provider == ProviderID("meltingspot"))
    }

    @Test func wrongKeyIsUnauthenticatedAndNeverShown() async throws {
        let simulator = MeltingspotSimulator(seed: 3, courses: 1, participantsPerCourse: 1, clock: VirtualClock())
        let wrong = TestSupport.uniqueKey()
        let observer = RecordingObserver()
        let driver = try MeltingspotDriver(
            configuration: MeltingspotConfiguration(secretKey: wrong), transport: simulator.transport,
            clock: VirtualClock(),
            observer: observer)
        let error = try await #require(throws: RosterError.self) {
            try await Roster(driver: driver).enrollments().collect(max: 10)
        }
        #expect(error.code == .unauthenticated)
        for text in [String(describing: error), error.vendorBody ?? ""] + observer.lines {
            #expect(!text.contains(wrong) && !text.contains(simulator.secretKey))
        }
    }

    @Test(arguments: MeltingspotConfiguration.AuthorizationScheme.allCases)
    func keyIsSentWithTheConfiguredScheme(_ scheme: MeltingspotConfiguration.AuthorizationScheme) async throws {
        let key = TestSupport.uniqueKey()
        let (driver, recorder) = try TestSupport.scripted(scheme: scheme, key: key) { _ in
            TestSupport.json(#"{"items":[],"total":0}"#)
        }
        _ = try await Roster(driver: driver).courses().collect(max: 10)
        let expected = scheme == .bearer ? "Bearer " + key : key
        #expect(recorder.requests.map { $0.headers["Authorization"] } == [expected])
    }

    @Test func simulatorAcceptsBareAndBearerKeysOnly() async throws {
        let simulator = MeltingspotSimulator(seed: 5, courses: 1, participantsPerCourse: 1, clock: VirtualClock())
        let url = URL(string: "https://openapi.meltingspot.io/v1/courses")!
        for (value, status) in [
            (simulator.secretKey, 200), ("Bearer " + simulator.secretKey, 200), ("Bearer nope", 401),
        ] {
            let response = await simulator.handle(
                HTTPRequest(method: .get, url: url, headers: ["Authorization": value]))
            #expect(response.status == status)
        }
        #expect(await simulator.handle(HTTPRequest(method: .get, url: url)).status == 401)
    }

    @Test func defaultsAreDocumentedAndDescriptionHidesTheKey() {
        let key = TestSupport.uniqueKey()
        let configuration = MeltingspotConfiguration(secretKey: key)
        #expect(configuration.baseURL.absoluteString == "https://openapi.meltingspot.io/v1")
        #expect(configuration.authorizationScheme == .bearer)
        #expect(
            configuration.rateLimits == [RateLimit(requests: 100, per: 10), RateLimit(requests: 50_000, per: 86_400)])
        #expect(!configuration.description.contains(key))
        #expect(configuration.description.contains(CredentialRedactor.mask))
    }

    @Test func invalidConfigurationsAreRefused() {
        #expect(throws: RosterError.self) {
            try MeltingspotDriver(configuration: MeltingspotConfiguration(secretKey: ""))
        }
        #expect(throws: RosterError.self) {
            try MeltingspotDriver(
                configuration: MeltingspotConfiguration(
                    secretKey: "k-1234", baseURL: URL(string: "http://example.com/v1")!))
        }
        #expect(throws: RosterError.self) {
            try MeltingspotDriver(configuration: MeltingspotConfiguration(secretKey: "k-1234", bulkInviteChunkSize: 0))
        }
    }

    @Test func remainingDailyBudgetCountsRequests() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 2, participants: 5)
        #expect(driver.remainingDailyBudget == 50_000)
        _ = try await Roster(driver: driver).enrollments().collect(max: 100)
        #expect(simulator.injector.requestCount == 3)
        #expect(driver.remainingDailyBudget == 50_000 - 3)
    }
}
