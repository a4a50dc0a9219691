import Foundation
import RosterCore

/// Turns Frontcore wire records into the neutral model: participant → `Enrollment`, course date →
/// `CourseSession`, venue → `Location`, user → `Learner`, customer → `Organization`.
struct FrontcoreParticipantMapping: Sendable {
    static let provider: ProviderID = "frontcore"
    let timestamps: FrontcoreTimestamps

    /// The enrollment for `participant`, carrying `raw` (its JSON as sent), from which the whole
    /// `FrontcoreParticipant` is decoded when `native` is first read; throws `decoding` for a record
    /// without course or user, or with a timestamp in no known form.
    func enrollment(_ participant: FrontcoreMappedParticipant, raw: RawVendorRecord, at index: Int? = nil) throws
        -> Enrollment
    {
        var prefix: String { index.map { "$[\($0)]" } ?? "$" }
        guard let course = participant.course else { throw missing("\(prefix).course") }
        guard let user = participant.user else { throw missing("\(prefix).user") }
        guard let statusID = participant.status?.id ?? participant.statusID else {
            throw missing("\(prefix).status.id")
        }
        let completed = participant.completed?.value ?? false
        let paidID = participant.paid?.id ?? participant.paidID
        let statusCode = statusID.value
        return Enrollment(
            provider: Self.provider,
            id: EnrollmentID(participant.id.description),
            course: CourseReference(id: CourseID(course.id.description), title: course.title.nonBlank),
            session: participant.coursedate.map(session),
            learner: learner(user),
            status: FrontcoreStatusMapping.status(id: statusCode, completed: completed),
            role: .learner,
            vendorStatus: VendorStatus(
                code: String(statusCode), key: participant.status?.statusCode.nonBlank,
                title: participant.status?.title.nonBlank),
            passed: participant.passed?.value,
            payment: paidID.map {
                FrontcoreStatusMapping.payment(id: $0.value, title: participant.paid?.title.nonBlank)
            },
            noShow: participant.noShow?.value,
            cancellationFee: statusCode == 8 ? true : (statusCode == 4 ? false : nil),
            certificateIssuedOn: try timestamps.day(
                participant.certificateIssuedAt, field: "\(prefix).certificate_issued_at"),
            archivedOn: try timestamps.day(participant.archivedAt, field: "\(prefix).archived_at"),
            timestamps: EnrollmentTimestamps(
                createdAt: try timestamps.instant(participant.createdAt, field: "\(prefix).created_at"),
                updatedAt: try timestamps.instant(participant.updatedAt, field: "\(prefix).updated_at"),
                statusChangedAt: try timestamps.instant(
                    participant.statusUpdatedAt, field: "\(prefix).status_updated_at")),
            customProperties: participant.customProperties?.values,
            native: NativeRecord(raw: raw) { try JSONDecoder().decode(FrontcoreParticipant.self, from: $0) },
            attendance: participant.attendance)
    }

    /// The session for a participant's course date.
    func session(_ date: FrontcoreMappedParticipant.CourseDate) -> CourseSession {
        CourseSession(
            id: SessionID(date.id.description),
            startDate: date.startAt.nonBlank.flatMap { CalendarDate(iso8601: $0) },
            endDate: date.endAt.nonBlank.flatMap { CalendarDate(iso8601: $0) },
            startTime: date.timeStart.nonBlank.flatMap { LocalTime($0) },
            endTime: date.timeEnd.nonBlank.flatMap { LocalTime($0) },
            timeZone: date.timezone.nonBlank ?? date.location?.timezone.nonBlank,
            utcOffsetSeconds: date.gmtOffset?.seconds,
            location: date.location.map(location) ?? date.place.nonBlank.map { Location(name: $0) },
            isVirtual: date.isVirtual?.value ?? date.location?.isVirtual?.value,
            teachingLanguage: date.teachingLanguageID.nonBlank ?? date.teachingLanguage.nonBlank,
            vendorStatus: date.statusID?.description)
    }

    /// The venue; `0`/`0` coordinates mean unknown.
    func location(_ venue: FrontcoreLocation) -> Location {
        let known = !(venue.lat ?? 0 == 0 && venue.lng ?? 0 == 0)
        return Location(
            id: venue.id?.description,
            name: venue.customTitle.nonBlank ?? venue.title.nonBlank,
            addressLines: [venue.address, venue.address2, venue.address3].compactMap(\.nonBlank),
            postalCode: venue.zipcode.nonBlank, city: venue.city.nonBlank,
            region: venue.state.nonBlank ?? venue.county.nonBlank,
            countryCode: venue.countryCode.nonBlank,
            latitude: known ? venue.lat : nil, longitude: known ? venue.lng : nil)
    }

    /// The person; an `email` that is no address stays only in `rawEmail`.
    func learner(_ user: FrontcoreMappedUser) -> Learner {
        Learner(
            id: LearnerID(user.id.description), email: user.email.nonBlank,
            firstName: user.firstname.nonBlank, lastName: user.lastname.nonBlank,
            username: user.username.nonBlank, phone: user.phone.nonBlank,
            organization: organization(user), externalID: user.externalID.nonBlank)
    }

    /// The customer the user belongs to, or the user's free-text company when there is none.
    func organization(_ user: FrontcoreMappedUser) -> Organization? {
        if let customer = user.customer {
            return Organization(
                id: customer.id.map { OrganizationID($0.description) }, name: customer.title.nonBlank,
                registrationNumber: customer.orgnr.nonBlank)
        }
        guard let company = user.company.nonBlank else { return nil }
        return Organization(name: company, registrationNumber: user.orgnr.nonBlank)
    }

    /// The typed legal-basis record.
    func legalBasis(_ wire: FrontcoreLegalBasisWire, at index: Int) throws -> FrontcoreLegalBasis {
        let prefix = "$[\(index)]"
        func status(_ value: FrontcoreCodeTitle?) -> VendorStatus? {
            value?.id.map {
                VendorStatus(code: $0.description, key: value?.statusCode.nonBlank, title: value?.title.nonBlank)
            }
        }
        return FrontcoreLegalBasis(
            id: wire.id.description,
            consent: try wire.consent.map {
                .init(
                    id: $0.id.description, title: $0.title.nonBlank, version: $0.version?.value,
                    deletedAt: try timestamps.instant($0.deletedAt, field: "\(prefix).consent.deleted_at"))
            },
            legalBasis: status(wire.legalBasis),
            purpose: try wire.purpose.map {
                .init(
                    id: $0.id.description, title: $0.title.nonBlank,
                    deletedAt: try timestamps.instant($0.deletedAt, field: "\(prefix).purpose.deleted_at"))
            },
            source: status(wire.source),
            comment: wire.comment.nonBlank,
            createdAt: try timestamps.instant(wire.createdAt, field: "\(prefix).created_at"),
            updatedAt: try timestamps.instant(wire.updatedAt, field: "\(prefix).updated_at"),
            deletedAt: try timestamps.instant(wire.deletedAt, field: "\(prefix).deleted_at"),
            user: wire.user.map { learner(FrontcoreMappedUser($0)) },
            leadID: wire.idLead?.description)
    }

    private func missing(_ path: String) -> RosterError {
        RosterError(
            .decoding, "the participant record has no \(path.split(separator: ".").last ?? "")",
            provider: Self.provider, jsonPath: path)
    }
}
