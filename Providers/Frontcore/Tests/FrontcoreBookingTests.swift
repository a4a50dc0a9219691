import Foundation
import FrontcoreSimulator
import RosterCore
import RosterFrontcore
import RosterHTTP
import Testing

/// Enrolling through `POST /booking`: off unless configured, checked before it is sent, sent once.
@Suite struct FrontcoreBookingTests {
    /// Forwards to the simulator, records every request, and can replace the answer to the booking.
    final class BookingTransport: HTTPTransport, @unchecked Sendable {
        enum Answer {
            case simulator
            case lost
            case replaced(HTTPResponse)
        }

        let simulator: FrontcoreSimulator
        let bookingAnswer: Answer
        private let lock = NSLock()
        private var sent: [HTTPRequest] = []

        init(_ simulator: FrontcoreSimulator, booking: Answer = .simulator) {
            self.simulator = simulator
            self.bookingAnswer = booking
        }

        var requests: [HTTPRequest] { lock.withLock { sent } }
        var bookings: [HTTPRequest] { requests.filter { $0.method == .post } }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            lock.withLock { sent.append(request) }
            guard request.method == .post else { return try await simulator.transport.send(request) }
            switch bookingAnswer {
            case .simulator: return try await simulator.transport.send(request)
            case .lost:
                _ = try await simulator.transport.send(request)
                throw UnansweredRequest.error(for: request, delivery: .maybeSent, reason: "connection lost")
            case .replaced(let response):
                _ = try await simulator.transport.send(request)
                return response
            }
        }
    }

    struct Rig {
        let simulator: FrontcoreSimulator
        let transport: BookingTransport
        let roster: Roster<FrontcoreDriver>
        let course: CourseID
        let date: SessionID

        init(
            booking: FrontcoreBookingOptions? = FrontcoreBookingOptions(), answer: BookingTransport.Answer = .simulator,
            retry: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: 0)
        ) throws {
            simulator = FrontcoreSimulator(seed: 11, participants: 16, courses: 2)
            transport = BookingTransport(simulator, booking: answer)
            let configuration = FrontcoreConfiguration(apiKey: simulator.apiKey, retry: retry, booking: booking)
            roster = Roster(
                driver: try FrontcoreDriver(configuration: configuration, transport: transport, clock: VirtualClock()))
            course = CourseID(String(simulator.courseIDs[0]))
            date = SessionID(String(simulator.courseDateIDs(courseID: simulator.courseIDs[0])[0]))
        }

        func request(
            _ email: String = "kari.nordmann@eksempel.no", first: String? = "Kari", last: String? = "Nordmann"
        )
            -> EnrollRequest
        {
            EnrollRequest(
                course: course, session: date, person: NewLearner(email: email, firstName: first, lastName: last))
        }
    }

    @Test func bookingIsOffByDefaultAndNothingIsSent() async throws {
        let rig = try Rig(booking: nil)
        #expect(!rig.roster.capabilities.supports(.enroll))
        let error = await #expect(throws: RosterError.self) { try await rig.roster.enroll(rig.request()) }
        #expect(error?.code == .unsupported)
        // Called on the driver directly, it refuses too, and says how to turn it on.
        let direct = await #expect(throws: RosterError.self) { try await rig.roster.driver.enroll(rig.request()) }
        #expect(direct?.code == .unsupported && direct?.message.contains("FrontcoreConfiguration.booking") == true)
        #expect(rig.transport.requests.isEmpty)
        #expect(rig.simulator.orders.isEmpty)
    }

    @Test func aBookingCreatesOneOrderAndTheNewParticipantIsReturned() async throws {
        let rig = try Rig()
        #expect(rig.roster.capabilities.supports(.enroll))
        #expect(try await rig.roster.previewEnroll(rig.request()) == nil)
        #expect(rig.transport.bookings.isEmpty)
        let outcome = try await rig.roster.enroll(rig.request(notifyingTo: false))
        guard case .created(let record?) = outcome else {
            Issue.record("expected a created participant, got \(outcome)")
            return
        }
        #expect(rig.simulator.orders.count == 1)
        let order = try #require(rig.simulator.orders.first)
        #expect(order.courseDateID == Int(rig.date.rawValue) && order.participantIDs == [Int(record.id.rawValue)])
        #expect(record.learner.email == "kari.nordmann@eksempel.no" && record.learner.firstName == "Kari")
        #expect(record.session?.id == rig.date && record.course.id == rig.course && record.status == .enrolled)
        let sent = try #require(rig.transport.bookings.first)
        #expect(sent.url.path == "/v2/booking" && sent.headers["Content-Type"] == "application/json")
        #expect(!sent.isRetryable)
        let body = try #require(try JSONSerialization.jsonObject(with: sent.body ?? Data()) as? [String: Any])
        #expect(body["coursedate_id"] as? Int == Int(rig.date.rawValue))
        #expect(body["payment_method"] as? String == "invoice" && body["currency"] == nil)
        #expect(body["booker_name"] as? String == "Kari Nordmann")
        #expect(body["booker_email"] as? String == "kari.nordmann@eksempel.no")
        let people = try #require(body["participants"] as? [[String: String]])
        #expect(people == [["firstname": "Kari", "lastname": "Nordmann", "email": "kari.nordmann@eksempel.no"]])
        let config = try #require(body["config"] as? [String: Bool])
        #expect(config["send_receipt_email_to_participant"] == false && config["reject_cancelled_course_date"] == true)
    }

    @Test func thePersonAlreadyBookedIsNotBookedAgain() async throws {
        let rig = try Rig()
        _ = try await rig.roster.enroll(rig.request())
        // The same address, written in another case, is the same person on this course date.
        let again = try await rig.roster.enroll(rig.request("Kari.Nordmann@Eksempel.no"))
        guard case .alreadyEnrolled(let record?) = again else {
            Issue.record("expected alreadyEnrolled, got \(again)")
            return
        }
        #expect(record.learner.email == "kari.nordmann@eksempel.no")
        #expect(rig.transport.bookings.count == 1 && rig.simulator.orders.count == 1)
        guard case .alreadyEnrolled? = try await rig.roster.previewEnroll(rig.request()) else {
            Issue.record("the dry run does not see the booking")
            return
        }
    }

    @Test func anExistingUserIsBookedWithTheDetailsOfTheirParticipant() async throws {
        let rig = try Rig()
        let otherCourse = rig.simulator.courseIDs[1]
        let booked = try #require(
            rig.simulator.insertParticipant(
                courseID: otherCourse, email: "ola.hansen@eksempel.no", externalID: nil, username: nil,
                firstName: "Ola",
                lastName: "Hansen"))
        let request = EnrollRequest(course: rig.course, learner: LearnerID(String(booked.user)), session: rig.date)
        guard case .created(let record?) = try await rig.roster.enroll(request) else {
            Issue.record("expected a created participant")
            return
        }
        #expect(record.learner.id == LearnerID(String(booked.user)))
        let body = try #require(
            try JSONSerialization.jsonObject(with: rig.transport.bookings.first?.body ?? Data()) as? [String: Any])
        #expect(body["booker_name"] as? String == "Ola Hansen")
        guard case .alreadyEnrolled = try await rig.roster.enroll(request) else {
            Issue.record("the user's booking was not found on the course date")
            return
        }
        #expect(rig.transport.bookings.count == 1)
    }

    @Test func badRequestsAreRefusedBeforeAnythingIsWritten() async throws {
        let rig = try Rig()
        let otherDate = SessionID(String(rig.simulator.courseDateIDs(courseID: rig.simulator.courseIDs[1])[0]))
        let cases: [(EnrollRequest, RosterError.Code)] = [
            (EnrollRequest(course: rig.course, learner: "1"), .invalidArgument),  // no course date
            (
                EnrollRequest(
                    course: rig.course, session: otherDate,
                    person: NewLearner(email: "a@b.no", firstName: "A", lastName: "B")), .notFound
            ),
            (rig.request(first: nil), .invalidArgument),
            (rig.request(last: "  "), .invalidArgument),
            (rig.request("Larsen"), .invalidArgument),
            (EnrollRequest(course: rig.course, learner: "999999999", session: rig.date), .notFound),
            (EnrollRequest(course: rig.course, learner: "1", role: .manager, session: rig.date), .unsupported),
        ]
        for (request, code) in cases {
            let error = await #expect(throws: RosterError.self) { try await rig.roster.enroll(request) }
            #expect(error?.code == code, "\(request): \(String(describing: error))")
        }
        rig.simulator.setStatus(3, ofCourseDate: Int(rig.date.rawValue)!)
        let cancelled = await #expect(throws: RosterError.self) { try await rig.roster.enroll(rig.request()) }
        #expect(cancelled?.code == .invalidArgument && cancelled?.message.contains("cancelled") == true)
        #expect(rig.transport.bookings.isEmpty && rig.simulator.orders.isEmpty)
    }

    @Test func aRefusedBookingKeepsTheVendorsReasons() async throws {
        let rig = try Rig(booking: FrontcoreBookingOptions(currency: "EUR"))
        let error = await #expect(throws: RosterError.self) { try await rig.roster.enroll(rig.request()) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.fieldErrors.map(\.code) == ["exchange_rate_does_not_exist"])
        let body = try #require(
            try JSONSerialization.jsonObject(with: rig.transport.bookings.first?.body ?? Data()) as? [String: Any])
        #expect(body["currency"] as? String == "eur")
        #expect(rig.transport.bookings.count == 1 && rig.simulator.orders.isEmpty)
    }

    @Test(arguments: [
        ("frontcore-booking-refused", 200, RosterError.Code.invalidArgument),
        ("frontcore-booking-refused", 422, .invalidArgument),
    ])
    func aRefusalIsReadWhateverItsStatus(_ fixture: String, _ status: Int, _ code: RosterError.Code) async throws {
        let response = HTTPResponse(status: status, body: try Fixture.data(fixture))
        let rig = try Rig(answer: .replaced(response))
        let error = await #expect(throws: RosterError.self) { try await rig.roster.enroll(rig.request()) }
        #expect(error?.code == code)
        #expect(error?.fieldErrors.first?.code == "course_date_cancelled")
        #expect(rig.transport.bookings.count == 1)
    }

    @Test func thePublishedSuccessShapeIsRead() throws {
        let receipt = try JSONDecoder().decode(
            FrontcoreBookingReceipt.self, from: try Fixture.data("frontcore-booking-response"))
        #expect(
            receipt.successful && receipt.orderID == 4711 && receipt.totalIncludingVAT == 1250 && receipt.errors.isEmpty
        )
        let refused = try JSONDecoder().decode(
            FrontcoreBookingReceipt.self, from: try Fixture.data("frontcore-booking-refused"))
        #expect(!refused.successful && refused.orderID == nil && refused.errors.first?.code == "course_date_cancelled")
    }

    /// Answers after which the order may exist: never repeated, always `outcomeUnknown`.
    @Test(arguments: [
        BookingTransport.Answer.lost,
        .replaced(HTTPResponse(status: 503, body: Data(#"{"error":"Service unavailable"}"#.utf8))),
        .replaced(HTTPResponse(status: 500, body: Data())),
        .replaced(HTTPResponse(status: 200, body: Data("<html>OK</html>".utf8))),
    ])
    func anAnswerThatLeavesTheOrderInDoubtIsOutcomeUnknownAndSentOnce(_ answer: BookingTransport.Answer) async throws {
        // Even a policy that allows repeating writes does not repeat a booking.
        let rig = try Rig(answer: answer, retry: RetryPolicy(maxAttempts: 5, baseDelay: 0, retryNonIdempotent: true))
        let error = await #expect(throws: RosterError.self) { try await rig.roster.enroll(rig.request()) }
        #expect(error?.code == .outcomeUnknown, "\(String(describing: error))")
        #expect(error?.message.contains("kari.nordmann@eksempel.no") == true)
        #expect(rig.transport.bookings.count == 1)
        #expect(rig.simulator.orders.count == 1, "the simulator did book: that is why the outcome is unknown")
    }

    @Test func aThrottledBookingIsRateLimitedAndNotRepeated() async throws {
        let throttled = HTTPResponse(status: 429, headers: ["Retry-After": "1"], body: Data())
        let rig = try Rig(answer: .replaced(throttled))
        let error = await #expect(throws: RosterError.self) { try await rig.roster.enroll(rig.request()) }
        #expect(error?.code == .rateLimited)
        #expect(rig.transport.bookings.count == 1)
    }

    @Test func theConfigurationSaysWhetherBookingIsOnWithoutShowingTheKey() {
        let off = FrontcoreConfiguration(apiKey: "secret-key-123")
        let on = FrontcoreConfiguration(apiKey: "secret-key-123", booking: FrontcoreBookingOptions())
        #expect(off.description.contains("booking: off") && !off.description.contains("secret-key-123"))
        #expect(on.description.contains("booking: orders paid by invoice"))
    }
}

extension FrontcoreBookingTests.Rig {
    func request(notifyingTo notify: Bool) -> EnrollRequest {
        var request = request()
        request.notify = notify
        return request
    }
}
