import Foundation
import RosterCore
import RosterFrontcore
import RosterHTTP
import Testing

/// Frontcore's error answers mapped to `RosterError`, with the key never leaking.
@Suite struct FrontcoreErrorTests {
    private func listingError(status: Int, body: String, headers: HTTPHeaders = [:]) async -> RosterError? {
        let transport = RecordingTransport { _ in HTTPResponse(status: status, headers: headers, body: Data(body.utf8)) }
        guard let driver = try? TestDrivers.driver(transport: transport, key: "the-secret-key") else { return nil }
        let roster = Roster(driver: driver)
        return await #expect(throws: RosterError.self) { try await roster.enrollments().collect(max: 5) }
    }

    @Test(arguments: [
        (401, #"{"error": "Wrong API Key"}"#), (403, #"{"error": "Wrong API Key"}"#),
        (200, #"{"error": "Wrong API Key"}"#), (400, #"{"error":"Invalid API key"}"#),
    ])
    func keyErrorsAreUnauthenticatedWhateverTheStatus(_ status: Int, _ body: String) async {
        let error = await listingError(status: status, body: body)
        #expect(error?.code == .unauthenticated)
        #expect(error?.httpStatus == status)
    }

    @Test func thePublishedErrorBodyIsUnauthenticated() async throws {
        let transport = RecordingTransport(status: 401, body: try Fixture.data("frontcore-error-wrong-api-key"))
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        let error = await #expect(throws: RosterError.self) { try await roster.enrollment("524957") }
        #expect(error?.code == .unauthenticated)
        #expect(error?.message.contains("Wrong API Key") == true)
    }

    @Test func notFoundIsNotFound() async throws {
        let transport = RecordingTransport(status: 404, body: Data(#"{"error": "Participant not found"}"#.utf8))
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        let error = await #expect(throws: RosterError.self) { try await roster.enrollment("42") }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains("Participant not found") == true)
    }

    @Test func throttlingThatOutlastsTheRetriesIsRateLimitedWithItsWait() async {
        let error = await listingError(status: 429, body: #"{"error": "Too many requests"}"#, headers: ["Retry-After": "2"])
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfterSeconds == 2)
    }

    @Test func malformedBodiesAreDecodingErrorsNamingThePath() async {
        let body = "[" + participantJSON(id: 1) + "," + participantJSON(id: 2).replacingOccurrences(of: #""id": 1002"#, with: #""id": true"#) + "]"
        let error = await listingError(status: 200, body: body)
        #expect(error?.code == .decoding)
        #expect(error?.jsonPath == "$[1].user.id")
    }

    @Test func anUnknownStatusIdSurvivesAsUnknown() async throws {
        let transport = RecordingTransport(body: Data(("[" + participantJSON(id: 3, status: 5) + "]").utf8))
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        let record = try #require(try await roster.enrollments().collect(max: 5).first)
        #expect(record.status == .unknown(raw: "5"))
        #expect(record.vendorStatus.code == "5")
    }

    @Test func theEnvelopeShapeIsAcceptedToo() async throws {
        let body = #"{"items": ["# + participantJSON(id: 8) + #"], "pagination": {"next_page": 0}}"#
        let transport = RecordingTransport(body: Data(body.utf8))
        let roster = Roster(driver: try TestDrivers.driver(transport: transport))
        #expect(try await roster.enrollments().collect(max: 5).map(\.id) == ["8"])
    }

    @Test func theKeyNeverAppearsInErrors() async {
        let error = await listingError(status: 500, body: #"{"error": "upstream said the-secret-key is bad"}"#)
        #expect(error?.code == .unavailable)
        #expect(error.map { !String(describing: $0).contains("the-secret-key") } == true)
        #expect(error?.vendorBody?.contains("the-secret-key") == false)
    }
}
