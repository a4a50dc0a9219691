#if CLI
import ArgumentParser
import Foundation
import RosterCore
import RosterHTTP

/// `roster demo`: no network, no credentials. Runs every vendor simulator (and the in-memory
/// provider) inside the process, lists the first course of each through the same neutral API, and
/// prints a section per provider (a heading line, then its people by name) and a per-status,
/// per-provider summary, fitted to the terminal's width.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Show a course of every provider, offline.",
        discussion: """
            Columns fit the terminal (COLUMNS, else 80). Example:
              roster demo
            """)

    @Option(help: "The seed of the simulated data.")
    var seed: UInt64 = 1

    @Option(help: "Enrollments per course.")
    var records: Int = 8

    func run() async throws {
        var failures: [String] = []
        var everyone: [Enrollment] = []
        let out = TextOutput.standardOutput
        let width = DemoLayout.width()
        for kit in ProviderCatalog.all {
            do {
                let settings = SimulatorSettings(seed: seed, recordsPerCourse: records, courses: 2, faults: .none)
                let enrollments = try await firstCourse(of: try Self.inProcessRoster(kit, settings: settings))
                everyone += enrollments
                try out.write(DemoLayout.section(kit: kit, enrollments: enrollments, width: width) + "\n")
            } catch {
                failures.append("\(kit.name): \(error)")
            }
        }
        try out.write(Self.summary(everyone).render(aligned: true))
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

    /// Counts per canonical status (a row each, only the statuses that occur, unknown ones counted
    /// together) and provider (a column each), with a total row: four providers fit 80 columns.
    static func summary(_ enrollments: [Enrollment]) -> TableText {
        var providers: [ProviderID] = []
        for enrollment in enrollments where !providers.contains(enrollment.provider) {
            providers.append(enrollment.provider)
        }
        let all = EnrollmentStatus.known.map(\.name) + ["unknown"]
        let statuses = all.filter { name in enrollments.contains { $0.status.name == name } }
        var table = TableText(header: ["status"] + providers.map(\.rawValue))
        for name in statuses {
            table.rows.append(
                [name] + providers.map { provider in
                    String(enrollments.filter { $0.provider == provider && $0.status.name == name }.count)
                })
        }
        table.rows.append(["total"] + providers.map { provider in String(enrollments.filter { $0.provider == provider }.count) })
        return table
    }
}

/// How the demo lays a provider's course out for a person: a heading line, then one line per person
/// — name, e-mail or username, status, role, progress — with the columns cut to the terminal's
/// width so that 80 and 120 columns both read well.
enum DemoLayout {
    /// The terminal's width: `COLUMNS` when set, else 80.
    static func width(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        guard let text = environment["COLUMNS"], let columns = Int(text), columns >= 40 else { return 80 }
        return min(columns, 240)
    }

    /// `provider — course title · N people · what the provider is`, then the people. The course is
    /// named by its title (its id only when it has none: vendor ids can be UUIDs).
    static func section(kit: ProviderKit, enrollments: [Enrollment], width: Int) -> String {
        let course = enrollments.first?.course
        let title = course.map { $0.title ?? "course \($0.id)" } ?? "no course"
        var text = fit("\(kit.name) — \(title) · \(enrollments.count) people · \(kit.title)", width) + "\n"
        // Fixed columns: status 11, role 8, progress 4, three gaps of 2; the rest is shared by
        // name and contact, the name taking up to 40%.
        let rest = max(20, width - 2 - (11 + 8 + 4) - 4 * 2)
        let nameWidth = min(28, rest * 2 / 5), contactWidth = rest - nameWidth
        for enrollment in enrollments {
            let learner = enrollment.learner
            let name = learner.displayName ?? Learner.joinedName(learner.firstName, learner.lastName) ?? "(no name)"
            let contact = learner.email ?? learner.username.map { "@" + $0 } ?? ""
            var status = enrollment.status.name
            if case .unknown = enrollment.status { status = "?" + enrollment.vendorStatus.code }
            let cells = [
                pad(name, nameWidth), pad(contact, contactWidth), pad(status, 11), pad(enrollment.role.name, 8),
                enrollment.completionRate.map { "\($0)%" } ?? "",
            ]
            text += "  " + cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        return text
    }

    /// `text` flattened for the terminal and cut to `width` characters with `…`.
    static func fit(_ text: String, _ width: Int) -> String {
        let flat = TerminalText.flatten(text)
        return flat.count <= width ? flat : String(flat.prefix(width - 1)) + "…"
    }

    /// `text` fitted and padded to exactly `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        let fitted = fit(text, width)
        return fitted + String(repeating: " ", count: max(0, width - fitted.count))
    }
}

extension String {
    /// The string without spaces at its end.
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.hasSuffix(" ") { copy.removeLast() }
        return copy
    }
}
#endif
