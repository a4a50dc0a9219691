import RosterCore
import RosterCourseDashboard
import Testing

/// Course Dashboard's published mapping table against the design's mapping (copied below), and
/// against the function that decodes `join_status` and the completion rate.
@Suite struct CourseDashboardMappingTableTests {
    /// The design's Course Dashboard rows: `joined` → enrolled, derived inProgress when the rate is
    /// above 0 and completed when it is 100; `invited` / `requested` / `payment_waiting` → invited /
    /// requested / pending; `manager` / `creator` → enrolled as manager / owner; the rest are learners.
    static let design: [StatusMappingTable.Row] = [
        .init("joined", when: .completionRate(0), status: .enrolled, role: .learner),
        .init("joined", when: .completionRate(50), status: .inProgress, role: .learner),
        .init("joined", when: .completionRate(100), status: .completed, role: .learner),
        .init("invited", status: .invited, role: .learner),
        .init("requested", status: .requested, role: .learner),
        .init("payment_waiting", status: .pending, role: .learner),
        .init("manager", status: .enrolled, role: .manager),
        .init("creator", status: .enrolled, role: .owner),
    ]

    @Test func theTableHoldsExactlyTheDesignsRows() {
        let table = CourseDashboardStatusMapping.table
        #expect(table.reads.count == Self.design.count)
        #expect(Set(table.reads) == Set(Self.design))
        #expect(table.writes.isEmpty)
        #expect(Set(table.documentedVendorStatuses) == Set(CourseDashboardJoinStatus.allCases.map(\.rawValue)))
    }

    @Test func theDecodingFunctionAnswersEveryRow() {
        for row in CourseDashboardStatusMapping.table.reads {
            let rates: [Int?] =
                switch row.condition {
                case .completionRate(let rate): [rate]
                default: [nil, 0, 50, 100]
                }
            for rate in rates {
                let (status, role) = CourseDashboardStatusMapping.canonical(
                    joinStatus: row.vendorStatus, completionRate: rate)
                #expect(status == row.status && role == row.role, "\(row) at rate \(rate.map(String.init) ?? "none")")
            }
        }
    }

    @Test func theJoinedRowsHoldAcrossTheirWholeRange() {
        let rates: [(Int, EnrollmentStatus)] = [(0, .enrolled), (1, .inProgress), (99, .inProgress), (100, .completed)]
        for (rate, expected) in rates {
            #expect(CourseDashboardStatusMapping.canonical(joinStatus: "joined", completionRate: rate).0 == expected)
        }
    }
}
