import Foundation
public import RosterCore
import RosterHTTP

/// What a bulk invitation achieved, member by member, in the order the members were given.
public struct MeltingspotBulkInviteResult: Sendable {
    /// What happened to one member.
    public enum Outcome: Sendable {
        /// A new participant was created.
        case created(Enrollment)
        /// The member was already a participant; nothing changed.
        case alreadyInvited
        /// The request carrying this member failed. Nothing changed for it, unless the error's code is
        /// `outcomeUnknown`: the request may then have been applied (look the member up).
        case failed(RosterError)
    }

    /// One member's result.
    public struct Item: Sendable {
        /// The spot member id.
        public var spotMemberID: String
        /// What happened.
        public var outcome: Outcome
    }

    /// Every member's result (duplicates in the input appear once).
    public var items: [Item]
    /// The `participants~bulkInvite` requests sent (chunks, plus halves after a 413).
    public var requestsSent: Int

    /// The participants created.
    public var created: [Enrollment] {
        items.compactMap { if case .created(let enrollment) = $0.outcome { enrollment } else { nil } }
    }
    /// The members that were already participants.
    public var alreadyInvited: [String] {
        items.compactMap { if case .alreadyInvited = $0.outcome { $0.spotMemberID } else { nil } }
    }
    /// The members whose request failed, with the error.
    public var failed: [(spotMemberID: String, error: RosterError)] {
        items.compactMap { if case .failed(let error) = $0.outcome { ($0.spotMemberID, error) } else { nil } }
    }
}

extension MeltingspotDriver {
    /// Invites many spot members into a course (`POST /courses/{courseId}/participants~bulkInvite`),
    /// `bulkInviteChunkSize` per request so that no payload is too large; a chunk that still gets 413
    /// is halved and sent again. 201 lists the created participants (members absent from it were
    /// already in); 200 means all were already in. A failed chunk marks its members `.failed` and the
    /// rest go on, except after a credential or permission failure, which fails every member left.
    /// Like a single invitation, a repeat is documented as harmless, so each chunk's POST is marked
    /// retryable (idempotent by definition).
    public func bulkInvite(
        spotMembers spotMemberIDs: [String], to course: CourseID, invitedBy inviterID: String? = nil,
        notify: Bool = false
    ) async throws -> MeltingspotBulkInviteResult {
        var unique: [String] = []
        var seen: Set<String> = []
        for id in spotMemberIDs where seen.insert(id).inserted { unique.append(id) }
        var result = MeltingspotBulkInviteResult(items: [], requestsSent: 0)
        var fatal: RosterError?
        for start in stride(from: 0, to: unique.count, by: bulkInviteChunkSize) {
            let chunk = Array(unique[start..<min(unique.count, start + bulkInviteChunkSize)])
            if let fatal {
                result.items += chunk.map { .init(spotMemberID: $0, outcome: .failed(fatal)) }
                continue
            }
            let items = try await inviteChunk(
                chunk, to: course, invitedBy: inviterID, notify: notify, sent: &result.requestsSent)
            result.items += items
            for case .failed(let error) in items.map(\.outcome)
            where error.code == .unauthenticated || error.code == .permissionDenied {
                fatal = error
            }
        }
        return result
    }

    /// Sends one chunk, halving it on 413.
    private func inviteChunk(
        _ chunk: [String], to course: CourseID, invitedBy inviterID: String?, notify: Bool, sent: inout Int
    ) async throws -> [MeltingspotBulkInviteResult.Item] {
        let url = api.url(try MeltingspotPaths.bulkInvite(course: course.rawValue))
        let body = try JSONEncoder().encode(
            MeltingspotBulkInviteBody(
                spotMemberIds: chunk, invitedBySpotMemberId: inviterID, withEmailNotification: notify))
        sent += 1
        let response: HTTPResponse
        do {
            response = try await api.send(.post, url, body: .json(body), retryable: true)
        } catch let error as RosterError where error.httpStatus == 413 && chunk.count > 1 {
            let half = chunk.count / 2
            return try await inviteChunk(
                Array(chunk[..<half]), to: course, invitedBy: inviterID, notify: notify, sent: &sent)
                + inviteChunk(Array(chunk[half...]), to: course, invitedBy: inviterID, notify: notify, sent: &sent)
        } catch let error as RosterError {
            return chunk.map { .init(spotMemberID: $0, outcome: .failed(error)) }
        }
        guard response.status == 201 else { return chunk.map { .init(spotMemberID: $0, outcome: .alreadyInvited) } }
        let created = try api.decode([MeltingspotParticipant].self, from: response, for: .post, url)
        let byMember = Dictionary(created.map { ($0.spotMemberId, $0) }, uniquingKeysWith: { first, _ in first })
        return chunk.map { id in
            guard let participant = byMember[id] else { return .init(spotMemberID: id, outcome: .alreadyInvited) }
            return .init(spotMemberID: id, outcome: .created(MeltingspotEnrollmentMapping.enrollment(participant)))
        }
    }
}
