extension CredentialRedactor {
    /// `enrollment` with every secret removed from its text: ids, names, e-mail, course and session
    /// titles, vendor status and payment texts, unknown raw values, custom properties and attendance. A vendor
    /// that echoes a credential into a record (a name or e-mail holding the API key) must not put it
    /// into an export. The `native` escape hatch is left as the vendor sent it. Cheap: a text shorter
    /// than the shortest form of any secret is not searched at all.
    public func redact(_ enrollment: Enrollment) -> Enrollment {
        var copy = enrollment
        copy.id = EnrollmentID(redact(enrollment.id.rawValue))
        copy.course.id = CourseID(redact(enrollment.course.id.rawValue))
        copy.course.title = enrollment.course.title.map(redact)
        copy.session = enrollment.session.map(redact)
        copy.learner = redact(enrollment.learner)
        if case .unknown(let raw) = enrollment.status { copy.status = .unknown(raw: redact(raw)) }
        if case .unknown(let raw) = enrollment.role { copy.role = .unknown(raw: redact(raw)) }
        copy.vendorStatus = VendorStatus(
            code: redact(enrollment.vendorStatus.code), key: enrollment.vendorStatus.key.map(redact),
            title: enrollment.vendorStatus.title.map(redact))
        if let payment = enrollment.payment {
            copy.payment = PaymentStatus(
                code: redact(payment.code), title: payment.title.map(redact), isPaid: payment.isPaid)
        }
        if let properties = enrollment.customProperties,
            properties.contains(where: { redact($0.key) != $0.key || $0.value.map(redact) != $0.value })
        {
            var clean: [String: String?] = [:]
            for (key, value) in properties { clean[redact(key)] = .some(value.map(redact)) }
            copy.customProperties = clean
        }
        copy.attendance = enrollment.attendance.map(redact)
        return copy
    }

    /// `learner` with every secret removed from its text (see `redact(_:)` for enrollments).
    public func redact(_ learner: Learner) -> Learner {
        var copy = learner
        copy.id = LearnerID(redact(learner.id.rawValue))
        copy.email = learner.email.map(redact)
        copy.rawEmail = learner.rawEmail.map(redact)
        copy.firstName = learner.firstName.map(redact)
        copy.lastName = learner.lastName.map(redact)
        copy.displayName = learner.displayName.map(redact)
        copy.username = learner.username.map(redact)
        copy.phone = learner.phone.map(redact)
        copy.externalID = learner.externalID.map(redact)
        copy.avatarURL = learner.avatarURL.map(redact)
        if let organization = learner.organization {
            copy.organization = Organization(
                id: organization.id.map { OrganizationID(redact($0.rawValue)) }, name: organization.name.map(redact),
                registrationNumber: organization.registrationNumber.map(redact))
        }
        return copy
    }

    /// `session` with every secret removed from its text.
    public func redact(_ session: CourseSession) -> CourseSession {
        var copy = session
        copy.id = SessionID(redact(session.id.rawValue))
        copy.title = session.title.map(redact)
        copy.timeZone = session.timeZone.map(redact)
        copy.teachingLanguage = session.teachingLanguage.map(redact)
        copy.vendorStatus = session.vendorStatus.map(redact)
        if let location = session.location {
            copy.location = Location(
                id: location.id.map(redact), name: location.name.map(redact),
                addressLines: location.addressLines.map(redact), postalCode: location.postalCode.map(redact),
                city: location.city.map(redact), region: location.region.map(redact),
                countryCode: location.countryCode.map(redact), latitude: location.latitude,
                longitude: location.longitude)
        }
        return copy
    }
}
