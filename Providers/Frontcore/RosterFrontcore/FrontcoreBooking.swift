import Foundation
public import RosterCore
import RosterHTTP

/// How bookings are paid, for `FrontcoreConfiguration.booking`. Setting it at all is the opt-in:
/// every `enroll` then sends `POST /booking`, which creates an ORDER in the Frontcore account and,
/// paid by invoice, may INVOICE the person.
public struct FrontcoreBookingOptions: Sendable, Hashable {
    /// `payment_method`: the booking page documents only `invoice`.
    public var paymentMethod: String
    /// `currency`, lower-case ISO 4217 (`nok`); nil sends none (the account's currency). The account
    /// must have an exchange rate for it.
    public var currency: String?

    /// Creates the options; the defaults are the documented ones.
    public init(paymentMethod: String = "invoice", currency: String? = nil) {
        self.paymentMethod = paymentMethod
        self.currency = currency
    }
}

/// What a booking answered: `{"successful", "summary": {"order_id", …}, "errors": [{"code",
/// "message"}]}`. The booking page says the answer holds a summary with the new order's id; the rest
/// of this shape comes from a third-party client and is read leniently.
public struct FrontcoreBookingReceipt: Sendable, Hashable, Decodable {
    /// True when the order was created.
    public var successful: Bool
    /// The new order's id.
    public var orderID: Int?
    /// The order's total including VAT, as sent.
    public var totalIncludingVAT: Double?
    /// Why the booking was refused.
    public var errors: [Failure]

    /// One refusal reason.
    public struct Failure: Sendable, Hashable, Decodable {
        /// The vendor's code, e.g. `course_date_cancelled`.
        public var code: String?
        /// The vendor's message.
        public var message: String?
    }

    enum CodingKeys: String, CodingKey { case successful, summary, errors }
    enum SummaryKeys: String, CodingKey {
        case orderID = "order_id"
        case total = "total_incl_vat"
    }

    /// Decodes leniently: flags and ids as numbers or text, a null summary or error list as absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        successful = try c.decodeIfPresent(FrontcoreBool.self, forKey: .successful)?.value ?? false
        errors = (try? c.decodeIfPresent([Failure].self, forKey: .errors)) ?? []
        if c.contains(.summary), try !c.decodeNil(forKey: .summary),
            let summary = try? c.nestedContainer(keyedBy: SummaryKeys.self, forKey: .summary)
        {
            orderID = try summary.decodeIfPresent(FrontcoreInt.self, forKey: .orderID)?.value
            // Not `decodeIfPresent(Double.self…)`: this module reads optional doubles as coordinates.
            if summary.contains(.total), try !summary.decodeNil(forKey: .total) {
                totalIncludingVAT =
                    (try? summary.decode(Double.self, forKey: .total))
                    ?? (try? summary.decode(String.self, forKey: .total)).flatMap(VendorNumbers.decimal)
            }
        }
    }
}

/// Enrolling through orders (`POST /booking`), only when `FrontcoreConfiguration.booking` is set.
///
/// A Frontcore participant is a person booked on a course DATE, and bookings create orders, so an
/// `EnrollRequest` needs `session` (the course date id, of `course`) and the person: their details
/// in `person` (e-mail, first and last name, as the booking needs them), or an existing user id in
/// `learner`, whose details are then read from one of their participants (Frontcore has no user
/// endpoint). Before anything is written, Roster checks that the course date belongs to the course
/// and is not cancelled, and looks for the person on it: someone already booked (and not
/// deregistered) is `.alreadyEnrolled`, and nothing is sent. The booking itself is sent once: not
/// retried on a timeout, a lost connection or a 5xx (the order may exist: `outcomeUnknown`), nor on
/// a 429 (`rateLimited`: the vendor refused it before booking).
extension FrontcoreDriver {
    /// Books the person onto the course date (see the extension's description).
    public func enroll(_ request: EnrollRequest) async throws -> EnrollOutcome {
        let prepared = try await prepareBooking(request)
        if let existing = prepared.existing { return .alreadyEnrolled(existing) }
        let receipt = try await book(prepared, notify: request.notify)
        return .created(await bookedParticipant(order: receipt.orderID, prepared))
    }

    /// What `enroll` would do, by reading only: the same checks and lookups, `.alreadyEnrolled` for a
    /// person already booked on the date, nil when a booking would be sent.
    public func previewEnroll(_ request: EnrollRequest) async throws -> EnrollOutcome? {
        let prepared = try await prepareBooking(request)
        return prepared.existing.map { .alreadyEnrolled($0) }
    }

    /// A booking ready to send.
    struct PreparedBooking {
        var courseDate: Int
        var email: String
        var firstName: String
        var lastName: String
        /// The person's participant on the course date, when they already have an active one.
        var existing: Enrollment?
    }

    func prepareBooking(_ request: EnrollRequest) async throws -> PreparedBooking {
        guard configuration.booking != nil else {
            throw RosterError(
                .unsupported,
                "Frontcore enrolls only by booking an order (POST /booking), which is off: set "
                    + "FrontcoreConfiguration.booking to allow it (each booking creates an order and may invoice)",
                provider: provider)
        }
        guard request.role == .learner else {
            throw RosterError(.unsupported, "Frontcore books participants only (role learner)", provider: provider)
        }
        guard let session = request.session else {
            throw RosterError(
                .invalidArgument, "a Frontcore booking is for a course date: give the session (course date id)",
                provider: provider)
        }
        let date = try Self.positive(session.rawValue, "course date")
        if try await isCancelled(session, of: request.course) {
            throw RosterError(
                .invalidArgument, "course date \(session) of course \(request.course) is cancelled", provider: provider)
        }
        var prepared: PreparedBooking
        if let person = request.person {
            guard let email = LearnerIdentity.normalizedEmail(person.email) else {
                throw RosterError(.invalidArgument, "\"\(person.email)\" is not an e-mail address", provider: provider)
            }
            guard let first = person.firstName?.trimmed, let last = person.lastName?.trimmed else {
                throw RosterError(
                    .invalidArgument, "a Frontcore booking needs the person's first and last name", provider: provider)
            }
            prepared = PreparedBooking(courseDate: date, email: email.value, firstName: first, lastName: last)
            prepared.existing = try await activeParticipant(on: session) {
                LearnerIdentity.normalizedEmail($0.learner.rawEmail ?? $0.learner.email ?? "") == email
            }
        } else {
            let user = try Self.positive(request.learner.rawValue, "user")
            prepared = try await details(ofUser: user, courseDate: date)
            prepared.existing = try await activeParticipant(on: session, user: request.learner) { _ in true }
        }
        return prepared
    }

    /// True when the course date (which must be one of `course`'s: else `notFound`) is cancelled. The
    /// course-date record documents no status, so unless it carries one, the course's cancelled dates
    /// are listed (`status_id=3`, a documented filter) and searched for it.
    private func isCancelled(_ session: SessionID, of course: CourseID) async throws -> Bool {
        let date = try await courseDate(session, of: course)
        if let status = date.vendorStatus { return status == "3" }
        for try await cancelled in courseDates(of: course, FrontcoreCourseDateQuery(statusID: 3))
        where cancelled.id == session {
            return true
        }
        return false
    }

    /// The name and address of user `user`, read from one of their participants.
    private func details(ofUser user: Int, courseDate: Int) async throws -> PreparedBooking {
        let query = EnrollmentQuery(learner: LearnerID(String(user)))
        let page = try await fetchEnrollments(PageRequest(query: query, position: .start, limit: 1))
        guard let learner = page.records.first?.learner else {
            throw RosterError(
                .notFound,
                "Frontcore user \(user) has no participant to read their details from: book them by e-mail and name",
                provider: provider)
        }
        guard let email = LearnerIdentity.normalizedEmail(learner.email ?? ""), let first = learner.firstName?.trimmed,
            let last = learner.lastName?.trimmed
        else {
            throw RosterError(
                .invalidArgument,
                "Frontcore user \(user) has no usable e-mail address or name to book with: book them by details",
                provider: provider)
        }
        return PreparedBooking(courseDate: courseDate, email: email.value, firstName: first, lastName: last)
    }

    /// The first participant on `session` (of `user`, when given) matching `matches` whose booking is
    /// not deregistered; nil when there is none. Walks every page.
    private func activeParticipant(
        on session: SessionID, user: LearnerID? = nil, _ matches: (Enrollment) -> Bool
    ) async throws -> Enrollment? {
        let query = EnrollmentQuery(session: session, learner: user)
        var walker = PageWalker(style: configuration.paging.style, limit: 250)
        var position = PagePosition.start
        while true {
            let page = try await fetchEnrollments(PageRequest(query: query, position: position, limit: 250))
            if let found = page.records.first(where: { $0.status != .cancelled && matches($0) }) { return found }
            guard case .next(let next) = try walker.advance(after: page, at: position, newRecords: page.records.count)
            else { return nil }
            position = next
        }
    }

    /// Sends the booking once and reads the answer.
    func book(_ prepared: PreparedBooking, notify: Bool) async throws -> FrontcoreBookingReceipt {
        let options = configuration.booking ?? FrontcoreBookingOptions()
        var body: [String: Any] = [
            "coursedate_id": prepared.courseDate, "payment_method": options.paymentMethod,
            "booker_name": "\(prepared.firstName) \(prepared.lastName)", "booker_email": prepared.email,
            "participants": [
                ["firstname": prepared.firstName, "lastname": prepared.lastName, "email": prepared.email]
            ],
            "config": [
                "reject_cancelled_course_date": true, "seats_availability_check": true,
                "send_receipt_email_to_participant": notify, "send_account_created_email_to_user": notify,
            ],
        ]
        if let currency = options.currency { body["currency"] = currency.lowercased() }
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        let url = api.url("/booking")
        let response: HTTPResponse
        do {
            response = try await api.send(.post, url, body: .json(data), retryable: false)
        } catch var error as RosterError {
            if error.code == .unavailable, let status = error.httpStatus, status >= 500 {
                error.code = .outcomeUnknown
                error.message = "Frontcore answered the booking with HTTP \(status); the order may exist all the same"
            } else if let text = error.vendorBody, error.code != .outcomeUnknown,
                let receipt = try? JSONDecoder().decode(FrontcoreBookingReceipt.self, from: Data(text.utf8)),
                !receipt.errors.isEmpty
            {
                error = refusal(receipt, status: error.httpStatus) ?? error
            }
            if error.code == .outcomeUnknown { error.message += Self.checkBeforeRetrying(prepared) }
            throw error
        }
        let receipt: FrontcoreBookingReceipt
        do {
            try JSONNesting.check(response.body, provider: provider)
            receipt = try JSONDecoder().decode(FrontcoreBookingReceipt.self, from: response.body)
        } catch {
            throw RosterError(
                .outcomeUnknown,
                "Frontcore answered the booking with a body Roster cannot read; the order may exist"
                    + Self.checkBeforeRetrying(prepared), provider: provider, httpStatus: response.status,
                method: "POST", path: url.path)
        }
        if let refused = refusal(receipt, status: response.status) { throw refused }
        return receipt
    }

    /// The error for a refused booking, or nil when it succeeded. Codes naming a course or course date
    /// are `notFound`; the ones saying the booking or order could not be created are `unavailable`;
    /// every other refusal is `invalidArgument`. Each reason is kept as a field error with its code.
    private func refusal(_ receipt: FrontcoreBookingReceipt, status: Int?) -> RosterError? {
        guard !receipt.successful else { return nil }
        let codes = receipt.errors.compactMap(\.code)
        let code: RosterError.Code =
            if codes.contains(where: { $0.hasPrefix("course_identifier") || $0.hasPrefix("course_date_identifier") }) {
                .notFound
            } else if codes.contains(where: { $0.hasSuffix("could_not_be_created") }) {
                .unavailable
            } else {
                .invalidArgument
            }
        let reasons = receipt.errors.map { [$0.code, $0.message].compactMap { $0 }.joined(separator: ": ") }
        return RosterError(
            code, "Frontcore refused the booking" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: "; ")))"),
            provider: provider, httpStatus: status, method: "POST", path: "/booking",
            fieldErrors: receipt.errors.map { FieldError(code: $0.code, messages: $0.message.map { [$0] } ?? []) })
    }

    /// The new participant, found by the order id on the course date; nil when it cannot be read
    /// now. Never throws: the booking has succeeded, and an error here would invite a second one.
    private func bookedParticipant(order: Int?, _ prepared: PreparedBooking) async -> Enrollment? {
        guard let order else { return nil }
        return try? await activeParticipant(on: SessionID(String(prepared.courseDate))) { record in
            record.native?.as(FrontcoreParticipant.self)?.orderID?.value == order
        }
    }

    private static func checkBeforeRetrying(_ prepared: PreparedBooking) -> String {
        ": list course date \(prepared.courseDate)'s participants and look for \(prepared.email) before booking again"
    }
}

extension String {
    /// The text without surrounding white space; nil when nothing is left.
    fileprivate var trimmed: String? {
        let text = trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
