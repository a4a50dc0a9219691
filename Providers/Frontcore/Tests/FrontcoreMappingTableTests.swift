import RosterCore
import RosterFrontcore
import Testing

/// Frontcore's published mapping table against the design's mapping (copied below), and against the
/// functions that decode and encode status ids.
@Suite struct FrontcoreMappingTableTests {
    /// The design's Frontcore rows: 1 `status_confirmed` → enrolled, or completed when `completed` is
    /// true; 7 `status_unconfirmed` → pending; 2 `status_overbooked` and 3 (waiting list) →
    /// waitlisted; 4 (deregistered) and 8 (deregistered with fee) → cancelled; every one a learner.
    static let design: [StatusMappingTable.Row] = [
        .init("1", when: .completedFlag(false), status: .enrolled, role: .learner),
        .init("1", when: .completedFlag(true), status: .completed, role: .learner),
        .init("7", status: .pending, role: .learner),
        .init("2", status: .waitlisted, role: .learner),
        .init("3", status: .waitlisted, role: .learner),
        .init("4", status: .cancelled, role: .learner),
        .init("8", status: .cancelled, role: .learner),
    ]

    @Test func theTableHoldsExactlyTheDesignsRows() {
        let table = FrontcoreStatusMapping.table.reads
        #expect(table.count == Self.design.count)
        #expect(Set(table) == Set(Self.design))
        #expect(Set(FrontcoreStatusMapping.table.documentedVendorStatuses.compactMap { Int($0) })
            == Set(FrontcoreStatusMapping.documentedStatusIDs))
    }

    @Test func theDecodingFunctionAnswersEveryRow() throws {
        for row in FrontcoreStatusMapping.table.reads {
            let id = try #require(Int(row.vendorStatus))
            let flags: [Bool] =
                switch row.condition {
                case .completedFlag(let flag): [flag]
                default: [false, true]
                }
            for completed in flags {
                #expect(FrontcoreStatusMapping.status(id: id, completed: completed) == row.status, "\(row)")
            }
        }
    }

    @Test func everyWrittenIdIsTheTablesAndReadsBackAsItsStatus() throws {
        let writes = FrontcoreStatusMapping.table.writes
        #expect(Set(writes.keys) == FrontcoreStatusMapping.writableStatuses)
        for status in EnrollmentStatus.known {
            let id = FrontcoreStatusMapping.statusID(for: status)
            #expect(id.map(String.init) == writes[status], "\(status)")
            if let id { #expect(FrontcoreStatusMapping.status(id: id, completed: false) == status) }
        }
    }
}
