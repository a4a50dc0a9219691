import Foundation
import RosterHTTP

/// The simulator's data and what requests do to it. Not thread-safe: `FrontcoreSimulator` holds it
/// behind a lock.
struct SimulatorState {
    var generator: SimulatorDataGenerator
    var courses: [SimCourse]
    var courseDates: [Int: SimCourseDate] = [:]
    var users: [Int: SimUser] = [:]
    var participants: [Int: SimParticipant] = [:]
    /// Participant ids, ascending (new ids are always higher, so appending keeps the order).
    var order: [Int] = []
    var legalBases: [SimLegalBasis] = []
    /// Orders made through `POST /booking`, oldest first.
    var orders: [SimOrder] = []
    /// The id the next booked order gets.
    var nextOrderID = 900_001
    /// Rendered participant JSON, dropped when the participant changes.
    var cache: [Int: Data] = [:]
    private var clockBase = Date(timeIntervalSince1970: 1_600_000_000)

    init(seed: UInt64, participants count: Int, courses courseCount: Int) {
        generator = SimulatorDataGenerator(seed: seed)
        let (courses, dates) = generator.courses(courseCount)
        self.courses = courses
        for date in dates { courseDates[date.id] = date }
        let datesByCourse = Dictionary(grouping: dates, by: \.courseID)
        var seeded: [Int] = []
        for index in 0..<count {
            let course = courses[index % courses.count]
            let date = datesByCourse[course.id]![(index / courses.count) % 2]
            seeded.append(add(on: date, at: clockBase.addingTimeInterval(Double(index) * 3_917)))
        }
        // Some people book more than once: every 7th participant is the person of the participant three
        // places earlier (another course, or another date of the same course). The user generated for
        // it stays in the account (people without bookings exist), so every other value is unchanged.
        for index in stride(from: 6, to: seeded.count, by: 7) {
            participants[seeded[index]]!.userID = participants[seeded[index - 3]]!.userID
        }
        let purposes = [(112, "Markedsføring"), (113, "Kursbevis og dokumentasjon"), (114, "Nyhetsbrev")]
        for (index, userID) in users.keys.sorted().enumerated() where index % 3 == 0 {
            let created = users[userID]!.createdAt.addingTimeInterval(600)
            legalBases.append(
                SimLegalBasis(
                    id: 2_911 + index * 7, userID: userID, consentID: 146, purpose: purposes[index % purposes.count],
                    sourceTitle: index % 2 == 0 ? "Innkommende sak" : "Påmeldingsskjema",
                    comment: index % 4 == 0 ? "Samtykke gitt via påmeldingsskjema" : nil,
                    createdAt: created, updatedAt: created.addingTimeInterval(86_400),
                    deletedAt: index % 9 == 6 ? created.addingTimeInterval(172_800) : nil))
        }
    }

    @discardableResult
    private mutating func add(on date: SimCourseDate, at created: Date, adjust: (inout SimUser) -> Void = { _ in })
        -> Int
    {
        var user = generator.user(createdAt: created)
        adjust(&user)
        users[user.id] = user
        let participant = generator.participant(user: user, date: date, createdAt: created.addingTimeInterval(120))
        participants[participant.id] = participant
        order.append(participant.id)
        return participant.id
    }

    func courseID(ofParticipant id: Int) -> Int? {
        participants[id].flatMap { courseDates[$0.courseDateID]?.courseID }
    }

    /// The ids one list page holds: with `since_id`, the next `limit` ids above it in ascending order;
    /// without, page `page` of the matches newest first (the published sample's order).
    func select(_ listing: SimulatorListing) -> [Int] {
        func matches(_ id: Int) -> Bool {
            guard let p = participants[id], let date = courseDates[p.courseDateID] else { return false }
            if let wanted = listing.courseID, date.courseID != wanted { return false }
            if let wanted = listing.courseDateID, p.courseDateID != wanted { return false }
            if let wanted = listing.userID, p.userID != wanted { return false }
            if let wanted = listing.customerID, users[p.userID]?.customerID != wanted { return false }
            return listing.inRanges(created: p.createdAt, updated: p.updatedAt)
        }
        if let since = listing.sinceID {
            var low = 0
            var high = order.count
            while low < high {
                let mid = (low + high) / 2
                if order[mid] <= since { low = mid + 1 } else { high = mid }
            }
            var page: [Int] = []
            var index = low
            while index < order.count, page.count < listing.limit {
                if matches(order[index]) { page.append(order[index]) }
                index += 1
            }
            return page
        }
        let all = order.reversed().filter(matches)
        let start = listing.offset
        guard start < all.count else { return [] }
        return Array(all[start..<min(all.count, start + listing.limit)])
    }

    /// Every id matching `listing` in the order it pages through (ascending with `since_id`, newest
    /// first without), and where the requested page starts among them: what a damaged page is cut from.
    func selectAll(_ listing: SimulatorListing) -> (all: [Int], start: Int) {
        var unpaged = listing
        unpaged.limit = Int.max
        unpaged.page = 1
        if let since = listing.sinceID {
            unpaged.sinceID = nil
            let ascending = Array(select(unpaged).reversed())
            return (ascending, ascending.firstIndex { $0 > since } ?? ascending.count)
        }
        return (select(unpaged), min(listing.offset, Int.max))
    }

    /// The participant's JSON, rendered once and cached (the attendance variant is not cached).
    mutating func rendered(_ id: Int, attendance: Bool, rendering: SimulatorRendering) -> Data {
        if !attendance, let cached = cache[id] { return cached }
        let p = participants[id]!
        let date = courseDates[p.courseDateID]!
        let course = courses.first { $0.id == date.courseID }!
        let user = users[p.userID]!
        let customer = user.customerID.flatMap { id in generator.customers.first { $0.id == id } }
        let data = rendering.participant(
            p, course: course, date: date, user: user, customer: customer, attendance: attendance
        ).data
        if !attendance { cache[id] = data }
        return data
    }

    func selectLegalBases(_ listing: SimulatorListing) -> [SimLegalBasis] {
        let matching = legalBases.filter { basis in
            (listing.sinceID.map { basis.id > $0 } ?? true)
                && listing.inRanges(created: basis.createdAt, updated: basis.updatedAt)
        }
        if listing.sinceID != nil { return Array(matching.prefix(listing.limit)) }
        let start = listing.offset
        guard start < matching.count else { return [] }
        return Array(matching[start..<min(matching.count, start + listing.limit)])
    }

    func renderedLegalBasis(_ basis: SimLegalBasis, rendering: SimulatorRendering) -> SimulatorJSON {
        let user = users[basis.userID]!
        let customer = user.customerID.flatMap { id in generator.customers.first { $0.id == id } }
        return rendering.legalBasis(basis, user: user, customer: customer)
    }

    // MARK: Mutations

    mutating func insert(courseID: Int, at now: Date, adjust: (inout SimUser) -> Void = { _ in }) -> Int? {
        guard let date = courseDates.values.filter({ $0.courseID == courseID }).min(by: { $0.id < $1.id }) else {
            return nil
        }
        return add(on: date, at: now, adjust: adjust)
    }

    mutating func delete(_ id: Int) -> Bool {
        guard participants.removeValue(forKey: id) != nil else { return false }
        cache[id] = nil
        if let index = order.firstIndex(of: id) { order.remove(at: index) }
        return true
    }

    mutating func setStatus(_ statusID: Int, of id: Int, at now: Date) -> Bool {
        guard participants[id] != nil else { return false }
        participants[id]!.statusID = statusID
        participants[id]!.statusUpdatedAt = now
        participants[id]!.updatedAt = now
        cache[id] = nil
        return true
    }

    /// Sets the completed and passed flags, as a course administrator would in the app.
    mutating func setOutcome(completed: Bool, passed: Bool, of id: Int, at now: Date) -> Bool {
        guard participants[id] != nil else { return false }
        participants[id]!.completed = completed
        participants[id]!.passed = passed
        participants[id]!.updatedAt = now
        cache[id] = nil
        return true
    }

    /// Applies a PUT body; throws 404 for an unknown participant and 400 for a bad value.
    mutating func apply(_ fields: [String: SimulatorRequests.UpdateValue], to id: Int, at now: Date) throws {
        guard var p = participants[id] else { throw SimulatorFailure(status: 404, message: "Participant not found") }
        func integer(_ name: String) throws -> Int? {
            guard case .text(let text)? = fields[name] else { return nil }
            guard let value = Int(text) else { throw SimulatorFailure(status: 400, message: "Invalid \(name)") }
            return value
        }
        func flag(_ name: String) throws -> Bool? {
            guard case .text(let text)? = fields[name] else { return nil }
            switch text.lowercased() {
            case "1", "true": return true
            case "0", "false", "": return false
            default: throw SimulatorFailure(status: 400, message: "Invalid \(name)")
            }
        }
        if let status = try integer("idStatus") {
            guard SimVocabulary.statusIDs.contains(status) else {
                throw SimulatorFailure(status: 400, message: "Invalid idStatus")
            }
            if status != p.statusID { p.statusUpdatedAt = now }
            p.statusID = status
        }
        if let paid = try integer("idPaid") { p.paidID = paid }
        if let completed = try flag("completed") { p.completed = completed }
        if let passed = try flag("passed") { p.passed = passed }
        if case .properties(let changes)? = fields["custom_properties"] {
            var properties = p.customProperties ?? []
            for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
                guard key.count <= 40, (value?.count ?? 0) <= 255 else {
                    throw SimulatorFailure(status: 400, message: "Invalid custom_properties")
                }
                properties.removeAll { $0.0 == key }
                if let value, !value.isEmpty { properties.append((key, value)) }
            }
            p.customProperties = properties
        }
        p.updatedAt = now
        participants[id] = p
        cache[id] = nil
    }

    /// Churn between list pages: `inserts` new participants on random course dates, `deletes` random ones.
    mutating func churn(inserts: Int, deletes: Int, at now: Date) {
        for _ in 0..<max(0, deletes) where !order.isEmpty {
            _ = delete(order[generator.int(0...(order.count - 1))])
        }
        let dates = courseDates.values.sorted { $0.id < $1.id }
        for _ in 0..<max(0, inserts) { add(on: generator.pick(dates), at: now) }
    }
}
