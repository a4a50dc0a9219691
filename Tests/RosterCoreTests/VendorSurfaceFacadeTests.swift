import Foundation
import RosterCore
import Testing

@Suite("Name filters, ordering and one course through the facade")
struct VendorSurfaceFacadeTests {
    /// Records whose first names differ only in case, so exact matching is visible.
    static func people() -> [Enrollment] {
        var records = sampleEnrollments(6)
        records[0].learner.firstName = "Kari"
        records[1].learner.firstName = "kari"
        records[2].learner.firstName = "Ola"
        records[3].learner.firstName = nil
        records[4].learner.lastName = "Nordmann"
        records[5].learner.lastName = "Nordmann"
        return records
    }

    @Test func nameFiltersMatchExactlyAndAreAppliedLocallyWhenTheDriverDeclaresNone() async throws {
        let driver = FakeDriver(records: Self.people())
        let roster = Roster(driver: driver)
        let kari = roster.enrollments(EnrollmentQuery(firstNames: ["Kari", "Ola"]))
        #expect(try await kari.collect(max: 10).map(\.id) == ["e0001", "e0003"])
        #expect(kari.report.localFilters == [.firstName])
        #expect(driver.log.requests.allSatisfy { $0.query.firstNames.isEmpty })
        let both = roster.enrollments(EnrollmentQuery(firstNames: ["Åse"], lastNames: ["Nordmann"]))
        #expect(try await both.collect(max: 10).map(\.id) == ["e0005", "e0006"])
    }

    @Test func aServerSideNameFilterReachesTheDriver() async throws {
        let driver = FakeDriver(records: Self.people(), serverFilters: [.lastName])
        let listing = Roster(driver: driver).enrollments(EnrollmentQuery(lastNames: ["Nordmann"]))
        #expect(try await listing.collect(max: 10).count == 2)
        #expect(driver.log.requests.first?.query.lastNames == ["Nordmann"])
        #expect(listing.report.serverFilters == [.lastName])
    }

    @Test func aNameFilterOnRecordsWithoutNamesIsRefusedBeforeAnyRequest() async throws {
        var driver = FakeDriver(records: Self.people())
        driver.capabilities.unavailableFilters = [.firstName, .lastName]
        let error = await #expect(throws: RosterError.self) {
            _ = try await Roster(driver: driver).enrollments(EnrollmentQuery(lastNames: ["Nordmann"])).collect(max: 10)
        }
        #expect(error?.code == .unsupported)
        #expect(driver.log.requests.isEmpty)
    }

    @Test func anEmptyNameIsAnInvalidArgument() async throws {
        let driver = FakeDriver(records: Self.people())
        let error = await #expect(throws: RosterError.self) {
            _ = try await Roster(driver: driver).enrollments(EnrollmentQuery(firstNames: [""])).collect(max: 10)
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test func anOrderingTheProviderCannotDoIsRefusedAndOneItCanReachesTheDriver() async throws {
        var driver = FakeDriver(records: sampleEnrollments(4))
        let refused = await #expect(throws: RosterError.self) {
            _ = try await Roster(driver: driver).enrollments(
                EnrollmentQuery(order: .descending(.enrolledAt))
            ).collect(max: 10)
        }
        #expect(refused?.code == .unsupported)
        #expect(refused?.message.contains("its own order only") == true)
        #expect(driver.log.requests.isEmpty)

        driver.capabilities.orderings = [.enrolledAt, .lastActivityAt]
        // The order survives the facade's split into server and local filters.
        let query = EnrollmentQuery(statuses: [.enrolled], order: .descending(.lastActivityAt))
        _ = try await Roster(driver: driver).enrollments(query).collect(max: 10)
        #expect(driver.log.requests.first?.query.order == .descending(.lastActivityAt))
        #expect(driver.log.requests.first?.query.statuses.isEmpty == true)
    }

    @Test func aQuerySavedBeforeNamesAndOrderExistedStillDecodes() throws {
        let old = Data(#"{"course":"c1","statuses":["enrolled"],"roles":[],"emails":[],"pageSize":5}"#.utf8)
        let query = try JSONDecoder().decode(EnrollmentQuery.self, from: old)
        #expect(query == EnrollmentQuery(course: "c1", statuses: [.enrolled], pageSize: 5))
        let new = EnrollmentQuery(firstNames: ["Kari"], lastNames: ["Nordmann"], order: .ascending(.enrolledAt))
        #expect(try JSONDecoder().decode(EnrollmentQuery.self, from: JSONEncoder().encode(new)) == new)
    }

    @Test func oneCourseIsReadThroughTheDriverOnlyWhenDeclared() async throws {
        struct CourseDriver: RosterDriver {
            var provider: ProviderID = "fake"
            var capabilities: DriverCapabilities
            func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
                FetchedPage(records: [])
            }
            func course(_ id: CourseID) async throws -> Course {
                guard id == "c1" else { throw RosterError(.notFound, "no course \(id)") }
                return Course(id: id, title: "Førstehjelp")
            }
        }
        let declared = DriverCapabilities(
            operations: [.listEnrollments, .getCourse], enrollmentPaging: .keyset, coursePaging: .keyset,
            defaultPageSize: 10, maxPageSize: 10, serverFilters: [], listsPerCourse: false)
        let roster = Roster(driver: AnyRosterDriver(CourseDriver(capabilities: declared)))
        #expect(try await roster.course("c1").title == "Førstehjelp")
        let missing = await #expect(throws: RosterError.self) { try await roster.course("c2") }
        #expect(missing?.code == .notFound && missing?.provider == "fake")
        let empty = await #expect(throws: RosterError.self) { try await roster.course("") }
        #expect(empty?.code == .invalidArgument)

        var undeclared = declared
        undeclared.operations = [.listEnrollments]
        let refused = await #expect(throws: RosterError.self) {
            try await Roster(driver: CourseDriver(capabilities: undeclared)).course("c1")
        }
        #expect(refused?.code == .unsupported)
        // A driver that does not implement it answers `unsupported` itself, too.
        let plain = await #expect(throws: RosterError.self) {
            try await FakeDriver(records: []).course("c1")
        }
        #expect(plain?.code == .unsupported)
    }

    @Test func vendorJSONKeepsEveryValueAndPrintsStably() throws {
        let text = #"{"b":[1,2.5,true,null,"x\u0001"],"a":{"n":-9223372036854775808},"c":"Påmeldt"}"#
        let value = try JSONDecoder().decode(VendorJSON.self, from: Data(text.utf8))
        #expect(
            value
                == .object([
                    "b": .array([.integer(1), .number(2.5), .bool(true), .null, .string("x\u{1}")]),
                    "a": .object(["n": .integer(Int.min)]), "c": .string("Påmeldt"),
                ]))
        #expect(value.description == #"{"a":{"n":-9223372036854775808},"b":[1,2.5,true,null,"x\u0001"],"c":"Påmeldt"}"#)
        let again = try JSONDecoder().decode(VendorJSON.self, from: JSONEncoder().encode(value))
        #expect(again == value)
    }

    @Test func anEnrollmentCarriesAttendanceThroughCoding() throws {
        var record = sampleEnrollment(1)
        record.attendance = .array([.object(["date": .string("2025-03-04"), "attended": .bool(true)])])
        let decoded = try JSONDecoder().decode(Enrollment.self, from: JSONEncoder().encode(record))
        #expect(decoded.attendance == record.attendance)
        #expect(decoded == record)
    }

    @Test func attendanceIsRedactedLikeEveryOtherText() {
        let secret = "fc_live_2f9c41aa0b7d"
        var record = sampleEnrollment(1)
        record.attendance = .object([
            "note": .string("key \(secret) leaked"), secret: .array([.string(secret), .integer(3), .null]),
        ])
        let clean = CredentialRedactor(secrets: [secret]).redact(record)
        #expect(!String(describing: clean.attendance).contains(secret))
        guard case .object(let members)? = clean.attendance else {
            Issue.record("the attendance lost its shape: \(String(describing: clean.attendance))")
            return
        }
        #expect(members.count == 2)
        #expect(members.values.contains(.array([.string(CredentialRedactor.mask), .integer(3), .null])))
    }
}
