import Foundation
import RosterCore

/// Turns Meltingspot records into neutral ones: a participant into an `Enrollment`, a course into a
/// `Course`, a spot member into a `Learner`. The vendor record rides along in `native`.
enum MeltingspotEnrollmentMapping {
    static let provider = ProviderID("meltingspot")

    /// The enrollment for `participant` (its `completionRate` was checked to lie in 0...100 when
    /// decoded), with `raw`, its JSON as sent, when given.
    static func enrollment(_ participant: MeltingspotParticipant, raw: RawVendorRecord? = nil) -> Enrollment {
        Enrollment(
            provider: provider, id: EnrollmentID(participant.id),
            course: CourseReference(id: CourseID(participant.courseId)),
            learner: Learner(
                id: LearnerID(participant.spotMemberId), email: participant.spotMemberEmail,
                firstName: participant.spotMemberFirstname, lastName: participant.spotMemberLastname),
            status: MeltingspotStatusMapping.status(for: participant.status), role: .learner,
            vendorStatus: VendorStatus(code: participant.status),
            completionRate: participant.completionRate,
            timestamps: EnrollmentTimestamps(
                invitedAt: participant.invitedAt, startedAt: participant.startedAt,
                completedAt: participant.completedAt, cancelledAt: participant.unenrolledAt,
                lastActivityAt: participant.lastActivityAt),
            native: raw.map { NativeRecord(participant, raw: $0) } ?? NativeRecord(participant))
    }

    /// The person a spot member is (spot members have no external id or username).
    static func learner(_ member: MeltingspotSpotMember) -> Learner {
        Learner(id: LearnerID(member.id), email: member.email, firstName: member.firstname, lastName: member.lastname)
    }

    /// The course for `course`, with `raw`, its JSON as sent, when given.
    static func course(_ course: MeltingspotCourse, raw: RawVendorRecord? = nil) -> Course {
        Course(
            id: CourseID(course.id), title: course.title, vendorStatus: course.status, privacy: course.privacy,
            native: raw.map { NativeRecord(course, raw: $0) } ?? NativeRecord(course))
    }
}
