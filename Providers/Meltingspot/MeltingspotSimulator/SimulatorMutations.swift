import Foundation
import RosterHTTP

/// Direct access to the Spot's content, for test harnesses and demos: read ids, add and remove
/// participants, change a status behind the API's back.
extension MeltingspotSimulator {
    /// Revokes the secret key, as regenerating it in the Spot's API settings does: every later
    /// request is answered 401.
    public func revokeSecretKey() { store.withState { $0.keyRevoked = true } }

    /// Every course id, in listing order.
    public func courseIDs() -> [String] { store.withState { $0.courses.map(\.id) } }

    /// Participant ids of `course` (every course when nil), in listing order.
    public func participantIDs(course: String? = nil) -> [String] {
        store.withState { state in
            if let course { return state.courseParticipants[course] ?? [] }
            return state.courses.flatMap { state.courseParticipants[$0.id] ?? [] }
        }
    }

    /// Every spot member id, oldest first.
    public func spotMemberIDs() -> [String] { store.withState { $0.memberOrder } }

    /// The raw status of a participant, or nil when there is none.
    public func status(ofParticipant id: String) -> String? { store.withState { $0.participants[id]?.status } }

    /// The spot member ids that are participants of `course`.
    public func participantMemberIDs(course: String) -> [String] {
        store.withState { state in
            (state.courseParticipants[course] ?? []).compactMap { state.participants[$0]?.spotMemberId }
        }
    }

    /// Adds a new member and makes it a participant of `course`; returns the participant id.
    @discardableResult
    public func addParticipant(course: String) throws -> String {
        try store.withState { state in
            guard state.course(course) != nil else {
                throw MeltingspotSimulatorError(description: "no course \(course)")
            }
            return state.addParticipantWithNewMember(course: course).id
        }
    }

    /// Makes the spot member `member` a participant of `course` with the raw `status` (as if invited
    /// and then progressing in the app: `Completed` completes at 100 %); returns the participant id.
    @discardableResult
    public func addParticipant(course: String, spotMember member: String, status: String = "Invited") throws -> String {
        let now = clock.now()
        return try store.withState { state in
            guard state.course(course) != nil, let spotMember = state.members[member] else {
                throw MeltingspotSimulatorError(description: "no course \(course) or no spot member \(member)")
            }
            var participant = state.invite(member: spotMember, course: course, now: now)
            participant.status = status
            if status == "Started" || status == "Completed" { participant.startedAt = now }
            if status == "Completed" {
                participant.completedAt = now
                participant.completionRate = 100
            }
            state.participants[participant.id] = participant
            return participant.id
        }
    }

    /// Adds a spot member (names nil: "invited by e-mail"); returns its id. The address is not checked
    /// for uniqueness (unlike `POST /spotMembers`), so tests can plant two members sharing one.
    @discardableResult
    public func addSpotMember(email: String, firstname: String? = nil, lastname: String? = nil) -> String {
        store.withState { state in
            let member = state.data.member(spotId: state.spotId, email: email, firstname: firstname, lastname: lastname)
            state.insert(member)
            return member.id
        }
    }

    /// The e-mail address of a spot member, or nil when there is none with `id`.
    public func email(ofSpotMember id: String) -> String? { store.withState { $0.members[id]?.email } }

    /// Removes a participant (as if the member left the Spot).
    public func removeParticipant(_ id: String) throws {
        try store.withState { state in
            guard state.removeParticipant(id) else {
                throw MeltingspotSimulatorError(description: "no participant \(id)")
            }
        }
    }

    /// Sets a participant's raw status (any text, documented or not).
    public func setStatus(_ raw: String, ofParticipant id: String) throws {
        try store.withState { state in
            guard state.participants[id] != nil else {
                throw MeltingspotSimulatorError(description: "no participant \(id)")
            }
            state.participants[id]?.status = raw
        }
    }
}
