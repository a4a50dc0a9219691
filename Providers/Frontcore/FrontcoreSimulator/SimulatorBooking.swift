import Foundation
import RosterHTTP

/// `POST /booking`, after the vendor's booking page: a JSON body with `coursedate_id` and
/// `payment_method` (required; the page documents only `invoice`), `currency` (lower-case ISO; only
/// `nok` has an exchange rate here) and the booker's `booker_name` / `booker_email`. It creates an
/// ORDER holding one participant per person booked.
///
/// INFERRED, not from the vendor's docs (which show only the top of the page): the `participants[]`
/// list (`firstname`, `lastname`, `email`) and the `config{}` object, the answer
/// `{"successful", "summary": {"order_id", "total_incl_vat"}, "errors": [{"code", "message"}]}`, and
/// the error codes, all taken from a third-party client's notes; `payment_method_invalid` is the
/// simulator's own. A refused booking answers HTTP 200 with `successful: false` (the status the
/// vendor uses is unknown); a body that is not JSON is a 400 with the usual `{"error"}`. Without
/// `participants`, the booker is booked. A person is matched to an existing user by e-mail (ignoring
/// case), or becomes a new user. New participants are confirmed (status 1) and unpaid (`idPaid` 3).
extension FrontcoreSimulator {
    func book(_ request: HTTPRequest) -> HTTPResponse {
        guard request.headers["Content-Type"]?.lowercased().contains("json") == true,
            let body = try? JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any]
        else { return error(400, "Malformed request body") }
        let now = clock.now()
        let outcome: Result<Int, BookingRefusal> = lock.withLock {
            Result { try state.book(body, at: now) }.mapError {
                $0 as? BookingRefusal ?? BookingRefusal("booking_could_not_be_created")
            }
        }
        let answer: SimulatorJSON
        switch outcome {
        case .success(let order):
            answer = .object([
                ("successful", .bool(true)),
                ("summary", .object([("order_id", .int(order)), ("total_incl_vat", .double(1_250))])),
                ("errors", .array([])),
            ])
        case .failure(let refusal):
            answer = .object([
                ("successful", .bool(false)), ("summary", .null),
                (
                    "errors",
                    .array([.object([("code", .string(refusal.code)), ("message", .string(refusal.message))])])
                ),
            ])
        }
        return json(answer.data)
    }

    /// The orders made through `POST /booking`, oldest first.
    public var orders: [(orderID: Int, courseDateID: Int, participantIDs: [Int])] {
        lock.withLock { state.orders.map { ($0.id, $0.courseDateID, $0.participantIDs) } }
    }

    /// The ids of the course dates of `courseID`, ascending.
    public func courseDateIDs(courseID: Int) -> [Int] {
        lock.withLock { state.courseDates.values.filter { $0.courseID == courseID }.map(\.id).sorted() }
    }

    /// Sets a course date's status (1 to be defined, 2 will run, 3 cancelled, 4 postponed); false for
    /// an unknown course date.
    @discardableResult
    public func setStatus(_ statusID: Int, ofCourseDate id: Int) -> Bool {
        lock.withLock {
            guard state.courseDates[id] != nil else { return false }
            state.courseDates[id]!.statusID = statusID
            state.cache.removeAll()
            return true
        }
    }
}

/// An order made through a booking.
struct SimOrder: Sendable {
    var id: Int
    var courseDateID: Int
    var participantIDs: [Int]
}

/// Why a booking was refused: the vendor's code and a message.
struct BookingRefusal: Error {
    var code: String
    var message: String

    init(_ code: String, _ message: String? = nil) {
        self.code = code
        self.message = message ?? code.replacingOccurrences(of: "_", with: " ")
    }
}

extension SimulatorState {
    /// Checks a booking body and, when it holds, creates the order; returns its id.
    mutating func book(_ body: [String: Any], at now: Date) throws -> Int {
        func integer(_ value: Any?) -> Int? {
            if let number = value as? Int { return number }
            return (value as? String).flatMap { Int($0) }
        }
        guard let dateID = integer(body["coursedate_id"]), let date = courseDates[dateID] else {
            throw BookingRefusal("course_date_identifier_invalid")
        }
        guard let method = body["payment_method"] as? String, method == "invoice" else {
            throw BookingRefusal("payment_method_invalid")
        }
        if let currency = body["currency"] {
            guard let code = currency as? String, !code.isEmpty else { throw BookingRefusal("currency_missing") }
            guard code == "nok" else { throw BookingRefusal("exchange_rate_does_not_exist") }
        }
        if date.statusID == 3 { throw BookingRefusal("course_date_cancelled") }
        var people: [(first: String, last: String, email: String)] = []
        if let list = body["participants"] {
            guard let entries = list as? [[String: Any]], !entries.isEmpty else {
                throw BookingRefusal("participant_count_invalid")
            }
            for entry in entries {
                let first = (entry["firstname"] as? String)?.trimmingCharacters(in: .whitespaces) ?? ""
                let last = (entry["lastname"] as? String)?.trimmingCharacters(in: .whitespaces) ?? ""
                let email = (entry["email"] as? String)?.trimmingCharacters(in: .whitespaces) ?? ""
                guard !first.isEmpty, !last.isEmpty else { throw BookingRefusal("participant_name_invalid_empty") }
                guard email.contains("@") else { throw BookingRefusal("participant_email_invalid_empty") }
                people.append((first, last, email))
            }
        } else {
            let name = (body["booker_name"] as? String)?.split(separator: " ").map(String.init) ?? []
            let email = (body["booker_email"] as? String) ?? ""
            guard name.count >= 2 else { throw BookingRefusal("participant_name_invalid_empty") }
            guard email.contains("@") else { throw BookingRefusal("participant_email_invalid_empty") }
            people.append((name.dropLast().joined(separator: " "), name.last!, email))
        }
        let orderID = nextOrderID
        nextOrderID += 1
        var booked: [Int] = []
        for person in people {
            let userID: Int
            if let existing = users.values.filter({ $0.email?.lowercased() == person.email.lowercased() })
                .min(by: { $0.id < $1.id })
            {
                userID = existing.id
            } else {
                var user = generator.user(createdAt: now)
                user.firstname = person.first
                user.lastname = person.last
                user.email = person.email
                user.username = person.email
                user.customerID = nil
                users[user.id] = user
                userID = user.id
            }
            var participant = generator.participant(user: users[userID]!, date: date, createdAt: now)
            participant.orderID = orderID
            participant.statusID = 1
            participant.paidID = 3
            participant.completed = false
            participant.passed = false
            participant.noShow = false
            participant.certificateIssuedDay = nil
            participant.archivedDay = nil
            participant.entrySource = "User"
            participant.userComment = nil
            participant.customProperties = nil
            participant.updatedAt = now
            participant.statusUpdatedAt = nil
            participants[participant.id] = participant
            order.append(participant.id)
            booked.append(participant.id)
        }
        orders.append(SimOrder(id: orderID, courseDateID: dateID, participantIDs: booked))
        return orderID
    }
}
