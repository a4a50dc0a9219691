import CourseDashboardSimulator
public import Foundation
import FrontcoreSimulator
import MeltingspotSimulator
import RosterCore
import RosterCourseDashboard
import RosterFrontcore
import RosterHTTP
import RosterMeltingspot

/// The fuzz targets of the three vendors. Each builds one driver over a `ServedBodyTransport` (no
/// retries, no real rate budget, a virtual clock), takes the seed documents given (the vendors' own
/// samples, which live with each provider's tests) and adds pages the vendor's simulator renders.
extension FuzzTarget {
    /// Frontcore: participant lists (`fetchEnrollments`), single participants (`enrollment`), and
    /// legal-basis lists (`fetchLegalBases`).
    public static func frontcore(
        participantLists: [(String, Data)] = [], participants: [(String, Data)] = [],
        legalBasisLists: [(String, Data)] = []
    ) async throws -> FuzzTarget {
        let transport = ServedBodyTransport()
        // Page-number paging: the published sample lists newest first, so keyset paging's order check
        // would end every case that decodes with `inconsistentPaging` before the records are checked.
        let driver = try FrontcoreDriver(
            configuration: FrontcoreConfiguration(
                apiKey: "fuzz-\(UUID().uuidString)", rateLimit: RateLimit(requests: 1 << 40, per: 1), retry: .never,
                paging: .pageNumber),
            transport: transport, clock: VirtualClock())
        let list: @Sendable (Data) async throws -> FuzzYield = { body in
            transport.serve(body)
            let page = try await driver.fetchEnrollments(
                PageRequest(query: EnrollmentQuery(), position: .start, limit: 250))
            return .of(page.records)
        }
        let single: @Sendable (Data) async throws -> FuzzYield = { body in
            transport.serve(body)
            return .of([try await driver.enrollment("77", course: nil)])
        }
        let legalBases: @Sendable (Data) async throws -> FuzzYield = { body in
            transport.serve(body)
            let page = try await driver.fetchLegalBases(
                PageRequest(query: FrontcoreLegalBasisQuery(), position: .start, limit: 250))
            // (page-number paging here too: the legal-basis sample is not in id order either)
            let instants = page.records.flatMap { [$0.createdAt, $0.updatedAt, $0.deletedAt, $0.consent?.deletedAt] }
            return FuzzYield(records: page.records.count, problems: instants.flatMap(FuzzChecks.instantProblems))
        }
        let simulator = FrontcoreSimulator(seed: 11, participants: 6, courses: 2)
        let headers: HTTPHeaders = ["X-API-Key": simulator.apiKey]
        let base = "https://api.frontcore.com/v2"
        let simulatedList = await simulatorBody(
            simulator.handle, base + "/participants?since_id=0&limit=2", headers: headers)
        let firstID = FuzzJSON(parsing: Array(simulatedList)).flatMap { document -> String? in
            guard case .array(let items) = document, case .object(let members)? = items.first,
                case .number(let id)? = members.first(where: { $0.key == "id" })?.value
            else { return nil }
            return id
        }
        var singles = participants
        if let firstID {
            singles.append(
                ("simulator GET /participants/\(firstID)",
                 await simulatorBody(simulator.handle, base + "/participants/\(firstID)", headers: headers)))
        }
        let simulatedBases = await simulatorBody(
            simulator.handle, base + "/privacy/users/legalbases?since_id=0&limit=2", headers: headers)
        return FuzzTarget(
            vendor: "frontcore",
            seeds: seeds(participantLists + [("simulator GET /participants", simulatedList)], list)
                + seeds(singles, page: false, single)
                + seeds(legalBasisLists + [("simulator GET /privacy/users/legalbases", simulatedBases)], legalBases))
    }

    /// Meltingspot: course participant pages (`fetchEnrollments`), single participants
    /// (`enrollment`), course pages (`fetchCourses`) and spot members (`spotMember`, epoch-millisecond
    /// timestamps).
    public static func meltingspot(participants: [(String, Data)] = []) async throws -> FuzzTarget {
        let transport = ServedBodyTransport()
        let driver = try MeltingspotDriver(
            configuration: MeltingspotConfiguration(
                secretKey: "fuzz-\(UUID().uuidString)", rateLimits: [], retryPolicy: .never),
            transport: transport, clock: VirtualClock())
        let list: @Sendable (Data) async throws -> FuzzYield = { body in
            transport.serve(body)
            let page = try await driver.fetchEnrollments(
                PageRequest(query: EnrollmentQuery(course: "c1"), position: .start, limit: 100))
            return .of(page.records)
        }
        let single: @Sendable (Data) async throws -> FuzzYield = { body in
            transport.serve(body)
            return .of([try await driver.enrollment("p1", course: "c1")])
        }
        let courses: @Sendable (Data) async throws -> FuzzYield = { body in
            transport.serve(body)
            let page = try await driver.fetchCourses(PageRequest(query: CourseQuery(), position: .start, limit: 100))
            return .of(page.records)
        }
        let member: @Sendable (Data) async throws -> FuzzYield = { body in
            transport.serve(body)
            let member = try await driver.spotMember(id: "m1")
            return FuzzYield(
                records: 1,
                problems: FuzzChecks.instantProblems(member.updatedAt)
                    + FuzzChecks.instantProblems(member.lastActivityAt))
        }
        let simulator = MeltingspotSimulator(seed: 11, courses: 2, participantsPerCourse: 4)
        let headers: HTTPHeaders = ["Authorization": "Bearer " + simulator.secretKey]
        let base = "https://openapi.meltingspot.io/v1"
        let coursePage = await simulatorBody(simulator.handle, base + "/courses?page=1&limit=2", headers: headers)
        let courseID = firstItemID(coursePage, list: "items") ?? "unknown"
        let participantPage = await simulatorBody(
            simulator.handle, base + "/courses/\(courseID)/participants?page=1&limit=2", headers: headers)
        let memberPage = await simulatorBody(simulator.handle, base + "/spotMembers?page=1&limit=1", headers: headers)
        let memberID = firstItemID(memberPage, list: "items") ?? "unknown"
        let memberBody = await simulatorBody(simulator.handle, base + "/spotMembers/\(memberID)", headers: headers)
        // The vendor's own sample is one participant; a page of it is the shape listings decode.
        let samplePages = participants.map { name, data in
            ("\(name) in a page", Data("{\"items\":[".utf8) + data + Data("],\"total\":1}".utf8))
        }
        return FuzzTarget(
            vendor: "meltingspot",
            seeds: seeds(samplePages + [("simulator GET /courses/{id}/participants", participantPage)], list)
                + seeds(participants, page: false, single)
                + seeds([("simulator GET /courses", coursePage)], courses)
                + seeds([("simulator GET /spotMembers/{id}", memberBody)], page: false, member))
    }

    /// Course Dashboard: course user pages (`fetchEnrollments`) and course pages (`fetchCourses`).
    public static func courseDashboard(userPages: [(String, Data)] = [], coursePages: [(String, Data)] = [])
        async throws -> FuzzTarget
    {
        let transport = ServedBodyTransport()
        let base = CourseDashboardSimulator.defaultBaseURL
        let driver = try CourseDashboardDriver(
            configuration: CourseDashboardConfiguration(
                baseURL: base, token: "fuzz-\(UUID().uuidString)", retry: .never, pageSize: 100),
            transport: transport, clock: VirtualClock())
        let users: @Sendable (Data) async throws -> FuzzYield = { body in
            transport.serve(body)
            let page = try await driver.fetchEnrollments(
                PageRequest(query: EnrollmentQuery(course: "101"), position: .start, limit: 100))
            return .of(page.records)
        }
        let courses: @Sendable (Data) async throws -> FuzzYield = { body in
            transport.serve(body)
            let page = try await driver.fetchCourses(PageRequest(query: CourseQuery(), position: .start, limit: 100))
            return .of(page.records)
        }
        let simulator = CourseDashboardSimulator(seed: 11, courses: 2, learnersPerCourse: 4)
        let headers: HTTPHeaders = ["Authorization": "Bearer " + simulator.token]
        let root = base.absoluteString
        let coursePage = await simulatorBody(
            simulator.handle, root + "/api/v2/course/?limit=2&offset=0", headers: headers)
        let courseID = firstItemID(coursePage, list: "results") ?? "1"
        let userPage = await simulatorBody(
            simulator.handle,
            root + "/api/v2/course/\(courseID)/users/?limit=4&offset=0"
                + "&statuses=%5B%22creator%22%2C%22manager%22%2C%22joined%22%2C%22invited%22%5D",
            headers: headers)
        return FuzzTarget(
            vendor: "course-dashboard",
            seeds: seeds(userPages + [("simulator GET /api/v2/course/{id}/users/", userPage)], users)
                + seeds(coursePages + [("simulator GET /api/v2/course/", coursePage)], courses))
    }

    private static func seeds(
        _ bodies: [(String, Data)], page: Bool = true, _ exercise: @escaping @Sendable (Data) async throws -> FuzzYield
    ) -> [FuzzSeed] {
        bodies.compactMap { FuzzSeed(name: $0.0, bytes: $0.1, isPage: page, exercise: exercise) }
    }

    /// The `id` of the first element of the list `list` in `body` (a string or a number), as text.
    private static func firstItemID(_ body: Data, list: String) -> String? {
        guard case .object(let members)? = FuzzJSON(parsing: Array(body)),
            case .array(let items)? = members.first(where: { $0.key == list })?.value,
            case .object(let item)? = items.first
        else { return nil }
        switch item.first(where: { $0.key == "id" })?.value {
        case .string(let id)?: return id
        case .number(let id)?: return id
        default: return nil
        }
    }
}
