import Foundation

/// Renders the simulator's state as the vendor's documented JSON (the published participant shape with
/// nested course, course date with venue, and user with addresses and customer; the published legal bases).
struct SimulatorRendering {
    let time: SimulatorTime

    func participant(
        _ p: SimParticipant, course: SimCourse, date: SimCourseDate, user: SimUser, customer: SimCustomer?,
        attendance: Bool
    ) -> SimulatorJSON {
        let status = SimVocabulary.status(p.statusID)
        var fields: [(String, SimulatorJSON)] = [
            ("archived_at", .text(p.archivedDay)),
            ("booker_admin_user", .null), ("booker_email", .null), ("booker_language_id", .null),
            ("booker_name", .null), ("booker_phone", .null),
            ("certificate_issued_at", .text(p.certificateIssuedDay)),
            ("completed", .bool(p.completed)),
            ("course", self.course(course)),
            ("coursedate", courseDate(date)),
            ("created_at", .string(time.timestamp(p.createdAt))),
            ("custom_properties", properties(p.customProperties)),
            ("entry_source", .string(p.entrySource)),
            ("id", .int(p.id)), ("idBooking", .int(p.bookingID)), ("idOrder", .int(p.orderID)),
            ("idPaid", .int(p.paidID)),
            ("no_show", .bool(p.noShow)),
            ("paid", .object([("id", .int(p.paidID)), ("title", .string(SimVocabulary.paid(p.paidID)))])),
            ("passed", .bool(p.passed)),
            (
                "status",
                .object([
                    ("id", .int(p.statusID)), ("title", .string(status.title)), ("status_code", .text(status.code)),
                ])
            ),
            ("status_updated_at", .text(p.statusUpdatedAt.map(time.timestamp))),
            ("updated_at", .string(time.timestamp(p.updatedAt))),
            ("user", self.user(user, customer: customer)),
            ("user_comment", .text(p.userComment)),
        ]
        if attendance {
            fields.append(
                ("attendance", .array([.object([("date", .string(date.startDay)), ("attended", .bool(!p.noShow))])])))
        }
        return .object(fields)
    }

    func course(_ c: SimCourse) -> SimulatorJSON {
        .object([
            ("id", .int(c.id)), ("title", .string(c.title)), ("reference", .text(c.reference)),
            ("created_at", .text(c.createdAt.map(time.timestamp))),
            ("updated_at", .string(time.timestamp(c.updatedAt))),
        ])
    }

    func courseDate(_ d: SimCourseDate) -> SimulatorJSON {
        var fields: [(String, SimulatorJSON)] = [
            ("id", .int(d.id)), ("idCourse", .int(d.courseID)), ("idStatus", .int(d.statusID)), ("week", .int(d.week)),
            ("start_at", .string(d.startDay)), ("end_at", .string(d.endDay)), ("deadline_at", .string(d.deadlineDay)),
            ("time_start", .string(d.timeStart)), ("time_end", .string(d.timeEnd)),
            ("timezone", .null), ("gmt_offset", .null), ("place", .string(d.location.title)),
            ("is_virtual", .bool(d.location.isVirtual)),
            ("event_url", d.location.isVirtual ? .string("https://teams.example.no/kurs") : .null),
            ("internal_note", .null),
            ("idLocation", .string(String(d.location.id))),  // a string, while location.id is a number
            ("teaching_language", .string(d.teachingLanguage.name)),
            ("idTeachingLanguage", .string(d.teachingLanguage.code)),
            ("location_cancellation_days", .null), ("is_deleted", .bool(false)),
        ]
        if let guaranteed = d.guaranteedToRun { fields.append(("guaranteed_to_run", .bool(guaranteed))) }
        fields.append(("location", location(d.location)))
        return .object(fields)
    }

    func location(_ l: SimLocation) -> SimulatorJSON {
        let coordinate: (Double) -> SimulatorJSON = { $0 == 0 ? .int(0) : .double($0) }
        return .object([
            ("id", .int(l.id)), ("title", .string(l.title)), ("custom_title", .null),
            ("address", .null), ("address2", .null), ("address3", .null), ("zipcode", .null), ("city", .null),
            ("state", .text(l.state)), ("county", .text(l.county)), ("idCountry", .int(159)),
            ("country", .string("Norge")), ("country_code", .string("NO")), ("idPlace", .int(l.placeID)),
            ("lat", coordinate(l.latitude)), ("lng", coordinate(l.longitude)), ("timezone", .null),
            ("long_text", .null), ("short_text", .null), ("short_text_2", .null), ("idInstructor", .null),
            ("is_default", .bool(false)), ("is_archived", .bool(false)), ("is_virtual", .bool(l.isVirtual)),
        ])
    }

    /// A user; `blank` renders absent text as `""` (as the legal-bases endpoint does) instead of null.
    func user(_ u: SimUser, customer: SimCustomer?, blank: Bool = false) -> SimulatorJSON {
        let empty: SimulatorJSON = blank ? .string("") : .null
        func text(_ value: String?) -> SimulatorJSON { value.map(SimulatorJSON.string) ?? empty }
        func address(invoice: Bool) -> SimulatorJSON {
            var fields: [(String, SimulatorJSON)] = [
                ("address", text(u.address)), ("address_2", empty), ("address_3", empty),
                ("zipcode", text(u.zipcode)), ("city", text(u.city)),
            ]
            if invoice { fields.append(("invoice_phone", empty)) }
            return .object(fields)
        }
        let nothing: SimulatorJSON = .object(
            [("address", empty), ("address_2", empty), ("address_3", empty), ("zipcode", empty), ("city", empty)])
        return .object([
            ("id", .int(u.id)), ("firstname", .text(u.firstname)), ("lastname", .text(u.lastname)),
            ("email", .text(u.email)), ("username", .text(u.username)), ("phone", .text(u.phone)),
            ("company", .text(customer?.title)), ("orgnr", text(customer?.orgnr)), ("position", empty),
            ("department", .null), ("legaldepartment", .null), ("date_of_birth", .text(u.dateOfBirth)),
            ("invoice_address", address(invoice: true)), ("home_address", address(invoice: false)),
            ("work_address", nothing), ("external_id", .text(u.externalID)), ("company_employee_number", empty),
            ("custom_properties", properties(u.customProperties)),
            ("customer", customer.map { self.customer($0, blank: blank) } ?? .null),
            ("created_at", .string(time.timestamp(u.createdAt))), ("updated_at", .string(time.timestamp(u.updatedAt))),
            ("information_gathered_at", .null),
        ])
    }

    /// The customer as embedded in a user: nested addresses, `idStatus` as the string `"1"`.
    func customer(_ c: SimCustomer, blank: Bool) -> SimulatorJSON {
        let empty: SimulatorJSON = blank ? .string("") : .null
        let nothing: SimulatorJSON = .object(
            [("address", empty), ("address_2", empty), ("address_3", empty), ("zipcode", empty), ("city", empty)])
        return .object([
            ("id", .int(c.id)), ("title", .string(c.title)), ("department", empty), ("phone", empty), ("fax", empty),
            ("email", empty), ("webaddress", empty), ("orgnr", .string(c.orgnr)), ("invoice_email", empty),
            ("customer_reference_id", empty), ("customer_reference", .string("Per Pedersen")), ("note", empty),
            ("idStatus", .string("1")), ("turnover", empty), ("idParentCustomer", .null),
            ("invoice_method", .string("electronic")),
            ("country", .object([("id", .int(159)), ("title", .string("Norge")), ("code", .string("NO"))])),
            ("status", .string("Active")), ("type", .string("Company")), ("duedate_days", .int(10)), ("seller", .null),
            (
                "invoice_address",
                .object([
                    ("address", .string(c.address)), ("address_2", empty), ("address_3", empty),
                    ("zipcode", .string(c.zipcode)), ("city", .string(c.city)),
                ])
            ),
            ("post_address", nothing), ("visit_address", nothing), ("custom_properties", .null),
            ("created_at", .string(time.timestamp(c.createdAt))), ("updated_at", .string(time.timestamp(c.createdAt))),
        ])
    }

    func legalBasis(_ b: SimLegalBasis, user: SimUser, customer: SimCustomer?) -> SimulatorJSON {
        .object([
            ("id", .int(b.id)), ("idLead", .null),
            (
                "consent",
                .object([
                    ("id", .int(b.consentID)), ("title", .string("Ja, jeg vil ha e-post om nye kurs én gang i uken")),
                    ("version", .int(1)), ("created_at", .string(time.timestamp(b.createdAt))),
                    ("updated_at", .string(time.timestamp(b.createdAt))), ("deleted_at", .null),
                ])
            ),
            ("legal_basis", .object([("id", .int(1)), ("title", .string("Samtykke"))])),
            (
                "purpose",
                .object([
                    ("id", .int(b.purpose.id)), ("title", .string(b.purpose.title)),
                    ("created_at", .string(time.timestamp(b.createdAt))), ("updated_at", .null), ("deleted_at", .null),
                ])
            ),
            ("source", .object([("id", .int(3)), ("title", .string(b.sourceTitle))])),
            ("comment", .text(b.comment)),
            ("created_at", .string(time.timestamp(b.createdAt))), ("updated_at", .string(time.timestamp(b.updatedAt))),
            ("deleted_at", .text(b.deletedAt.map(time.timestamp))),
            ("user", self.user(user, customer: customer, blank: true)),
            ("customer", customer.map { legalBasisCustomer($0) } ?? .null),
            (
                "userinstance",
                .object([
                    ("id", .int(b.userID + 200_000)), ("booker_name", .string("")), ("booker_email", .string("")),
                    ("booker_phone", .string("")), ("booker_language_id", .null), ("status_updated_at", .null),
                ])
            ),
        ])
    }

    /// The customer at the top of a legal basis: the flat shape, `idStatus` a number, `duedate_days` a string.
    func legalBasisCustomer(_ c: SimCustomer) -> SimulatorJSON {
        .object([
            ("id", .int(c.id)), ("title", .string(c.title)), ("orgnr", .string(c.orgnr)), ("idStatus", .int(1)),
            ("idType", .int(1)), ("duedate_days", .string("10")), ("type", .string("Bedrift")),
            ("idAgreementType", .string("0")), ("invoice_address", .string(c.address)),
            ("invoice_place", .string(c.city)), ("invoice_zipcode", .string(c.zipcode)),
            ("office_idPlace", .string("637")),
            ("idInvoiceMethod", .int(1)), ("emails_disabled", .bool(false)), ("merged_at", .null),
        ])
    }

    func properties(_ values: [(String, String?)]?) -> SimulatorJSON {
        guard let values else { return .null }
        return .object(values.map { ($0.0, .text($0.1)) })
    }

    /// The vendor's error body.
    static func error(_ message: String) -> Data { SimulatorJSON.object([("error", .string(message))]).data }
}
