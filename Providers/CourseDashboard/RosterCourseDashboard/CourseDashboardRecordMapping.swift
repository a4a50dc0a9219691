import Foundation
public import RosterCore

/// Builds neutral records from Course Dashboard wire records. The learner has no e-mail (the API
/// exposes none): only id, username, real name (as display name), avatar and, from the user
/// endpoint, `ext_id`. Match people across vendors by `externalID` or by name, never by e-mail.
public enum CourseDashboardRecordMapping {
    /// The neutral enrollment of `record` in `course`; the wire record stays in `native`.
    public static func enrollment(_ record: CourseDashboardUserRecord, course: CourseID) -> Enrollment {
        enrollment(record, course: course, raw: nil)
    }

    /// The neutral enrollment of `record` in `course`; the wire record and `raw`, its JSON as sent,
    /// stay in `native`.
    public static func enrollment(
        _ record: CourseDashboardUserRecord, course: CourseID, raw: RawVendorRecord?
    ) -> Enrollment {
        let (status, role) = CourseDashboardStatusMapping.canonical(
            joinStatus: record.joinStatus, completionRate: record.completionRate)
        let learnerID = LearnerID(record.id)
        return Enrollment(
            provider: CourseDashboardDriver.providerID,
            id: CourseDashboardIdentity.enrollmentID(course: course, user: learnerID),
            course: CourseReference(id: course),
            learner: Learner(
                id: learnerID, displayName: record.realName, username: record.username, avatarURL: record.avatar),
            status: status, role: role,
            vendorStatus: VendorStatus(code: record.joinStatus ?? "null"),
            completionRate: record.completionRate,
            timestamps: EnrollmentTimestamps(enrolledAt: record.joinedAt, lastActivityAt: record.lastActiveAt),
            native: raw.map { NativeRecord(record, raw: $0) } ?? NativeRecord(record))
    }

    /// The person a community user is (`GET /api/v2/user/…`): id, username, real name as display
    /// name, `ext_id` as external id, avatar. No e-mail.
    public static func learner(_ user: CourseDashboardCommunityUser) -> Learner {
        Learner(
            id: LearnerID(user.id), displayName: user.realName, username: user.username, externalID: user.extID,
            avatarURL: user.avatar)
    }

    /// The neutral course of `record`. An empty `privacy` marks a draft (`vendorStatus` "draft").
    public static func course(_ record: CourseDashboardCourseRecord) -> Course { course(record, raw: nil) }

    /// The neutral course of `record`, with `raw`, its JSON as sent, in `native`.
    public static func course(_ record: CourseDashboardCourseRecord, raw: RawVendorRecord?) -> Course {
        let isDraft = record.privacy?.isEmpty == true
        return Course(
            id: CourseID(record.id), title: record.name, reference: record.slug,
            vendorStatus: isDraft ? "draft" : nil, privacy: isDraft ? nil : record.privacy,
            createdAt: record.createdAt, native: raw.map { NativeRecord(record, raw: $0) } ?? NativeRecord(record))
    }
}
