import Foundation
public import RosterCore
import RosterHTTP

extension MeltingspotDriver {
    /// Invites one spot member into a course (`POST /courses/{courseId}/participants`). The vendor
    /// answers 201 with the new participant, or 200 ("Member already invited") when the member is
    /// already a participant: that is `.alreadyEnrolled`, not an error. Because the vendor documents a
    /// repeat as harmless ("already invited"), this POST is idempotent by definition and marked
    /// retryable: a timeout or lost connection is retried within the retry policy (a retry after a lost
    /// 201 reports `.alreadyEnrolled`), and ends in `outcomeUnknown` only when no attempt is answered.
    public func invite(
        spotMember spotMemberID: String, to course: CourseID, invitedBy inviterID: String? = nil, notify: Bool = false
    ) async throws -> EnrollOutcome {
        let url = api.url(try MeltingspotPaths.participants(course: course.rawValue))
        let body = try JSONEncoder().encode(
            MeltingspotInviteBody(
                spotMemberId: spotMemberID, invitedBySpotMemberId: inviterID, withEmailNotification: notify))
        let response = try await api.send(.post, url, body: .json(body), retryable: true)
        if response.status == 201 {
            let participant = try api.decode(MeltingspotParticipant.self, from: response, for: .post, url)
            return .created(MeltingspotEnrollmentMapping.enrollment(participant))
        }
        // 200 "Member already invited": no body is documented; use one if it is a participant.
        let existing = try? JSONNesting.decode(MeltingspotParticipant.self, from: response.body)
        return .alreadyEnrolled(existing.map { MeltingspotEnrollmentMapping.enrollment($0) })
    }

    /// Invites a learner known only by e-mail: finds (or creates) the spot member, then invites it.
    public func invite(email: String, to course: CourseID, notify: Bool = false) async throws -> EnrollOutcome {
        let member = try await findOrCreateSpotMember(email: email, notify: notify)
        return try await invite(spotMember: member.id, to: course, notify: notify)
    }
}
