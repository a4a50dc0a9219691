#if CLI
import ArgumentParser
import Foundation
import RosterCore
import RosterHTTP

/// `roster demo`: no network, no credentials. Runs every vendor simulator (and the in-memory
/// provider) inside the process, lists the first course of each through the same neutral API, and
/// prints one roster table plus a per-provider, per-status summary.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Show one roster table over every provider, offline.",
        discussion: """
            Example:
              swift run roster demo
            """)

    @Option(help: "The seed of the simulated data.")
    var seed: UInt64 = 1

    @Option(help: "Enrollments per course.")
    var records: Int = 8

    func run() async throws {
        var enrollments: [Enrollment] = []
        var failures: [String] = []
        for kit in ProviderCatalog.all {
            do {
                let settings = SimulatorSettings(seed: seed, recordsPerCourse: records, courses: 2, faults: .none)
                enrollments += try await firstCourse(of: try Self.inProcessRoster(kit, settings: settings))
            } catch {
                failures.append("\(kit.name): \(error)")
            }
        }
        let out = TextOutput.standardOutput
        var table = TableText(header: RecordWriter.tableHeader)
        table.rows = enrollments.map(RecordWriter.tableRow)
        try out.write(table.render(aligned: out.isTerminal))
        try out.write("\n" + Self.summary(enrollments).render(aligned: out.isTerminal))
        try out.flush()
        if !failures.isEmpty {
            throw ToolFailure(.unavailable, "demo: " + failures.joined(separator: "; "))
        }
    }

    /// A provider wired to its own simulator in process (the in-memory provider needs none).
    static func inProcessRoster(_ kit: ProviderKit, settings: SimulatorSettings) throws -> Roster<AnyRosterDriver> {
        var connection = ProviderConnection(
            baseURL: kit.defaultBaseURL ?? URL(string: "https://community.example")!, environment: [:],
            transport: InProcessTransport { _ in HTTPResponse(status: 503) }, retry: RetryPolicy(), observer: nil)
        if let make = kit.makeSimulator {
            let simulator = make(settings)
            connection.baseURL = simulator.inProcessBaseURL
            connection.transport = simulator.transport
            connection.environment = [simulator.credentialVariable: simulator.credential]
        }
        return try kit.roster(connection)
    }

    /// The enrollments of the provider's first course: the first of its course listing, or (for a
    /// provider that cannot list courses) the course of its first enrollment.
    func firstCourse(of roster: Roster<AnyRosterDriver>) async throws -> [Enrollment] {
        var course: CourseID?
        var title: String?
        if roster.capabilities.supports(.listCourses) {
            for try await first in roster.courses() {
                course = first.id
                title = first.title
                break
            }
        } else {
            for try await first in roster.enrollments() {
                course = first.course.id
                break
            }
        }
        guard let course else { return [] }
        return try await roster.enrollments(EnrollmentQuery(course: course)).collect(max: 10_000).map { record in
            var named = record
            if named.course.title == nil { named.course.title = title }
            return named
        }
    }

    /// Counts per provider and canonical status (unknown statuses counted together), with totals.
    static func summary(_ enrollments: [Enrollment]) -> TableText {
        let statuses = EnrollmentStatus.known.map(\.name) + ["unknown"]
        var table = TableText(header: ["provider"] + statuses + ["total"])
        var providers: [ProviderID] = []
        for enrollment in enrollments where !providers.contains(enrollment.provider) {
            providers.append(enrollment.provider)
        }
        for provider in providers {
            let mine = enrollments.filter { $0.provider == provider }
            let counts = statuses.map { name in mine.filter { $0.status.name == name }.count }
            table.rows.append([provider.rawValue] + counts.map(String.init) + [String(mine.count)])
        }
        return table
    }
}
#endif
