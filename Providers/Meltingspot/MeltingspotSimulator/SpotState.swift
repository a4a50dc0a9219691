import Foundation

/// Everything the simulated Spot holds, with the generator that makes new records. Mutated only
/// under `SpotStore`'s lock.
struct SpotState {
    var data: SimulatorSeedData
    let spotId: String
    var courses: [SpotCourse] = []
    var members: [String: SpotMember] = [:]
    var memberOrder: [String] = []
    var participants: [String: SpotParticipant] = [:]
    /// Participant ids per course, in creation order (the listing order).
    var courseParticipants: [String: [String]] = [:]
    var memberSerial = 0
    /// True once the secret key was revoked: every request is then answered 401.
    var keyRevoked = false

    init(seed: UInt64, now: Date, courses courseCount: Int, participantsPerCourse: Int) {
        data = SimulatorSeedData(seed: seed, now: now)
        spotId = data.uuid()
        for index in 0..<max(0, courseCount) {
            let course = data.course(index: index)
            courses.append(course)
            courseParticipants[course.id] = []
            for _ in 0..<max(0, participantsPerCourse) { addParticipantWithNewMember(course: course.id) }
        }
    }

    func course(_ id: String) -> SpotCourse? { courses.first { $0.id == id } }

    func member(email: String) -> SpotMember? {
        let folded = email.lowercased()
        return memberOrder.lazy.compactMap { members[$0] }.first { $0.email.lowercased() == folded }
    }

    func participant(ofMember memberId: String, in course: String) -> SpotParticipant? {
        courseParticipants[course]?.lazy.compactMap { participants[$0] }.first { $0.spotMemberId == memberId }
    }

    /// Adds a member with generated name and address; a few are "invited by e-mail only" (no names).
    @discardableResult
    mutating func addGeneratedMember() -> SpotMember {
        memberSerial += 1
        var member = data.member(spotId: spotId, serial: memberSerial)
        if data.chance(0.1) {
            member = data.member(spotId: spotId, email: member.email, firstname: nil, lastname: nil)
        }
        insert(member)
        return member
    }

    mutating func insert(_ member: SpotMember) {
        members[member.id] = member
        memberOrder.append(member.id)
    }

    @discardableResult
    mutating func addParticipantWithNewMember(course: String) -> SpotParticipant {
        let member = addGeneratedMember()
        let participant = data.participant(course: course, member: member)
        insert(participant)
        return participant
    }

    mutating func insert(_ participant: SpotParticipant) {
        participants[participant.id] = participant
        courseParticipants[participant.courseId, default: []].append(participant.id)
    }

    /// Invites `member` into `course` the way the API does: status `Invited`, invited now.
    mutating func invite(member: SpotMember, course: String, now: Date) -> SpotParticipant {
        let participant = SpotParticipant(
            id: data.uuid(), courseId: course, spotMemberId: member.id, status: "Invited", invitedAt: now,
            completionRate: 0, nameShape: member.firstname == nil ? .null : .strings, millisecondTimestamps: true)
        insert(participant)
        return participant
    }

    @discardableResult
    mutating func removeParticipant(_ id: String) -> Bool {
        guard let participant = participants.removeValue(forKey: id) else { return false }
        courseParticipants[participant.courseId]?.removeAll { $0 == id }
        return true
    }
}

/// The lock around the Spot's state.
final class SpotStore: @unchecked Sendable {
    private let lock = NSLock()
    private var state: SpotState

    init(_ state: SpotState) { self.state = state }

    func withState<T>(_ body: (inout SpotState) throws -> T) rethrows -> T {
        try lock.withLock { try body(&state) }
    }
}
