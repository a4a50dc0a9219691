import Foundation
import RosterCore
import RosterHTTP
import Testing

/// Filters: a server-side filter must select exactly what `EnrollmentQuery.matches` selects from the
/// full listing; an undeclared one is applied locally, with the same result, and reported as local; a
/// filter the vendor's records have no data for is refused with `unsupported` before any request.
enum FilterCases {
    static func run<H>(_ context: ConformanceContext<H>, server: Bool) async throws {
        let subject = try await context.subject(SubjectSetup(courses: 2, enrollmentsPerCourse: 12))
        let roster = subject.roster
        let caps = roster.capabilities
        let serverSide = Self.serverSide(caps)
        let full: [Enrollment]
        do {
            full = try await roster.listAll().records
        } catch {
            context.note(error)
            return context.fail("the unfiltered listing failed: \(error)")
        }
        guard !full.isEmpty else { return context.fail("the backend holds no records") }
        let filters = EnrollmentFilter.allCases.filter {
            serverSide.contains($0) == server && !caps.unavailableFilters.contains($0)
        }
        if !server {
            for filter in caps.unavailableFilters.sorted() {
                let before = subject.backend.injector.requestCount
                do {
                    _ = try await roster.listAll(sampleQuery(for: filter, from: full))
                    context.fail("filter \(filter) is declared unavailable but the listing ran")
                } catch let error as RosterError {
                    context.note(error)
                    context.check(error.code == .unsupported, "filter \(filter): expected unsupported, got \(error.code)")
                } catch {
                    context.fail("filter \(filter) failed with \(error)")
                }
                context.check(
                    subject.backend.injector.requestCount == before,
                    "filter \(filter) is unavailable, yet the refused listing sent requests")
            }
        }
        for filter in filters {
            let query = sampleQuery(for: filter, from: full)
            let expected = Set(full.filter { query.matches($0, on: [filter]) }.map(\.id))
            do {
                let result = try await roster.listAll(query)
                let got = Set(result.ids)
                context.check(
                    got == expected,
                    "filter \(filter): \(got.count) records, the local semantics select \(expected.count); extra \(got.subtracting(expected).sorted().prefix(5)), missing \(expected.subtracting(got).sorted().prefix(5))"
                )
                if server {
                    context.check(
                        result.report.serverFilters.contains(filter),
                        "filter \(filter) is not reported as a server filter")
                } else {
                    context.check(
                        result.report.localFilters.contains(filter), "filter \(filter) is not reported as local")
                }
            } catch {
                context.note(error)
                context.fail("the listing filtered by \(filter) failed: \(error)")
            }
        }
    }

    /// The filters the provider applies on its server (the course, too, for per-course listings),
    /// leaving out any it declares unavailable.
    static func serverSide(_ caps: DriverCapabilities) -> Set<EnrollmentFilter> {
        var serverSide = caps.serverFilters
        if caps.listsPerCourse { serverSide.insert(.course) }
        return serverSide.subtracting(caps.unavailableFilters)
    }

    /// A query setting only `filter`, to a value taken from the data where it has one (so the filter
    /// selects some records but not all).
    static func sampleQuery(for filter: EnrollmentFilter, from records: [Enrollment]) -> EnrollmentQuery {
        func pick(_ n: Int) -> Enrollment { records[n % records.count] }
        func middle(_ dates: [Date]) -> Date {
            let sorted = dates.sorted()
            return sorted.isEmpty ? Date(timeIntervalSince1970: 1_700_000_000) : sorted[sorted.count / 2]
        }
        var query = EnrollmentQuery()
        switch filter {
        case .course: query.course = pick(0).course.id
        case .session: query.session = records.compactMap(\.session?.id).first ?? "conformance-no-session"
        case .learner: query.learner = pick(1).learner.id
        case .organization:
            query.organization = records.compactMap(\.learner.organization?.id).first ?? "conformance-no-organization"
        case .status: query.statuses = [pick(2).status, pick(3).status]
        case .role: query.roles = [records.last!.role]
        case .email: query.emails = [records.compactMap(\.learner.email).first?.uppercased() ?? "nobody@example.org"]
        case .updatedSince: query.updatedSince = middle(records.compactMap(\.timestamps.updatedAt))
        case .updatedBefore: query.updatedBefore = middle(records.compactMap(\.timestamps.updatedAt))
        case .createdSince: query.createdSince = middle(records.compactMap(\.timestamps.createdAt))
        case .createdBefore: query.createdBefore = middle(records.compactMap(\.timestamps.createdAt))
        case .search:
            let learner = pick(5).learner
            query.search = learner.lastName ?? learner.displayName ?? learner.username ?? "conformance"
        case .firstName: query.firstNames = [records.compactMap(\.learner.firstName).first ?? "Conformance"]
        case .lastName: query.lastNames = [records.compactMap(\.learner.lastName).last ?? "Conformance"]
        }
        return query
    }
}
