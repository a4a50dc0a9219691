#if CLI
import ArgumentParser
import RosterCore

/// The values `--format` takes where only a table or one JSON document makes sense.
enum TableOrJSON: String, CaseIterable, ExpressibleByArgument {
    case table, json
}

/// `roster providers`: what every provider can do, read from its driver's declared capabilities.
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers", abstract: "Show what every provider can do: operations, filters, paging.",
        discussion: """
            Example:
              roster providers --format json
            """)

    @Option(help: "table | json")
    var format: TableOrJSON = .table

    func run() async throws {
        let rows = try ProviderCatalog.all.map { kit in (kit, try ProviderCatalog.capabilities(of: kit)) }
        if format == .json {
            try TextOutput.standardOutput.write(JSONValue.array(rows.map { Self.json($0.0, $0.1) }).compact + "\n")
        } else {
            var table = TableText(header: [
                "provider", "operations", "server filters", "paging", "page size", "per course", "writable statuses",
                "finds people by", "rate limits", "credential",
            ])
            for (kit, caps) in rows {
                table.rows.append([
                    kit.name, caps.operations.sorted().map(\.rawValue).joined(separator: ","),
                    caps.serverFilters.sorted().map(\.rawValue).joined(separator: ","), "\(caps.enrollmentPaging)",
                    "\(caps.defaultPageSize)/\(caps.maxPageSize)", caps.listsPerCourse ? "yes" : "no",
                    Self.statusNames(caps.writableStatuses).joined(separator: ","),
                    caps.learnerLookups.sorted().map(\.rawValue).joined(separator: ","),
                    caps.rateLimits.map(\.description).joined(separator: ","),
                    kit.credentialVariables.joined(separator: " or "),
                ])
            }
            try TextOutput.standardOutput.write(table.render(aligned: TextOutput.standardOutput.isTerminal))
        }
        try TextOutput.standardOutput.flush()
    }

    /// Canonical status names in lifecycle order.
    static func statusNames(_ statuses: Set<EnrollmentStatus>) -> [String] {
        EnrollmentStatus.known.filter(statuses.contains).map(\.name)
    }

    /// One provider's row as JSON.
    static func json(_ kit: ProviderKit, _ caps: DriverCapabilities) -> JSONValue {
        func texts(_ items: [String]) -> JSONValue { .array(items.map { .text($0) }) }
        var members: [(key: String, value: JSONValue)] = [
            (key: "provider", value: .text(kit.name)), (key: "title", value: .text(kit.title)),
            (key: "operations", value: texts(caps.operations.sorted().map(\.rawValue))),
            (key: "serverFilters", value: texts(caps.serverFilters.sorted().map(\.rawValue))),
            (key: "paging", value: .text("\(caps.enrollmentPaging)")),
            (key: "defaultPageSize", value: .number(caps.defaultPageSize)),
            (key: "maxPageSize", value: .number(caps.maxPageSize)),
            (key: "listsPerCourse", value: .bool(caps.listsPerCourse)),
            (key: "writableStatuses", value: texts(statusNames(caps.writableStatuses))),
            (
                key: "enrollableRoles",
                value: texts(EnrollmentRole.known.filter(caps.enrollableRoles.contains).map(\.name))
            ),
            (key: "learnerLookups", value: texts(caps.learnerLookups.sorted().map(\.rawValue))),
            (key: "orderings", value: texts(caps.orderings.sorted().map(\.rawValue))),
            (key: "rateLimits", value: texts(caps.rateLimits.map(\.description))),
            (key: "credentialVariables", value: texts(kit.credentialVariables)),
        ]
        if let variable = kit.baseURLVariable { members.append((key: "baseURLVariable", value: .text(variable))) }
        return .object(members)
    }
}
#endif
