import Foundation
import RosterCore
import RosterCourseDashboard
import RosterFrontcore
import RosterInMemory
import RosterMeltingspot
import Testing

/// The article "Status and role mapping" is checked against the adapters: every row must say what
/// the mapping function returns, and every value the adapter documents must have a row.
@Suite struct StatusMappingArticleTests {
    struct Row: CustomStringConvertible {
        var value: String
        var condition: String
        var status: String
        var role: String
        var description: String { "| \(value) | \(condition) | \(status) | \(role) |" }
    }

    /// The rows of the table under `### heading`.
    static func rows(under heading: String) throws -> [Row] {
        let url = ArticleCodeTests.catalog.appendingPathComponent("StatusAndRoleMapping.md")
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "### \(heading)") else { return [] }
        var rows: [Row] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("### ") { break }
            guard line.hasPrefix("| `") else { continue }
            let cells = line.split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "")
            }
            guard cells.count == 4 else { continue }
            rows.append(Row(value: cells[0], condition: cells[1], status: cells[2], role: cells[3]))
        }
        return rows
    }

    /// The canonical name of `status` as the article writes it (`unknown` for any unknown value).
    static func name(_ status: EnrollmentStatus) -> String {
        if case .unknown = status { return "unknown" }
        return status.name
    }

    @Test func frontcoresTableIsWhatTheAdapterDoes() throws {
        let rows = try Self.rows(under: "Frontcore")
        #expect(rows.count >= 8)
        for row in rows {
            let id = try #require(Int(row.value))
            let flags: [Bool] = row.condition == "completed" ? [true] : row.condition == "not completed" ? [false] : [true, false]
            for completed in flags {
                #expect(Self.name(FrontcoreStatusMapping.status(id: id, completed: completed)) == row.status, "\(row)")
            }
            #expect(row.role == "learner")
        }
        let documented = Set(rows.compactMap { Int($0.value) })
        #expect(Set(FrontcoreStatusMapping.documentedStatusIDs).isSubset(of: documented))
    }

    @Test func meltingspotsTableIsWhatTheAdapterDoes() throws {
        let rows = try Self.rows(under: "Meltingspot")
        for row in rows {
            #expect(Self.name(MeltingspotStatusMapping.status(for: row.value)) == row.status, "\(row)")
        }
        #expect(Set(MeltingspotStatusMapping.documented.map(\.raw)).isSubset(of: Set(rows.map(\.value))))
        #expect(rows.contains { $0.status == "unknown" })
    }

    @Test func courseDashboardsTableIsWhatTheAdapterDoes() throws {
        let rows = try Self.rows(under: "Course Dashboard")
        for row in rows {
            let rates: [Int] =
                switch row.condition {
                case "rate 0": [0]
                case "rate 1–99": [1, 50, 99]
                case "rate 100": [100]
                default: [0, 50, 100]
                }
            for rate in rates {
                let (status, role) = CourseDashboardStatusMapping.canonical(joinStatus: row.value, completionRate: rate)
                #expect(Self.name(status) == row.status, "\(row) at rate \(rate)")
                #expect(role.name == row.role, "\(row)")
            }
        }
        #expect(Set(CourseDashboardJoinStatus.allCases.map(\.rawValue)).isSubset(of: Set(rows.map(\.value))))
    }

    @Test func theInMemoryTableIsWhatTheProviderDoes() throws {
        let rows = try Self.rows(under: "In-memory provider")
        for row in rows {
            #expect(Self.name(InMemoryStatusMapping.status(for: row.value)) == row.status, "\(row)")
        }
        let known = Set(rows.filter { $0.status != "unknown" }.map(\.status))
        #expect(known == Set(EnrollmentStatus.known.map(\.name)), "every canonical status needs a row")
    }

    @Test func aWrongRowWouldBeCaught() {
        // The checks above compare against the functions, not against a copy of the table.
        #expect(Self.name(FrontcoreStatusMapping.status(id: 1, completed: true)) != "enrolled")
        #expect(Self.name(MeltingspotStatusMapping.status(for: "Started")) != "enrolled")
    }
}
